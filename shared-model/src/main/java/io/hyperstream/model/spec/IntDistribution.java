package io.hyperstream.model.spec;

/** An integer parameter in [low, high] with a step (default 1), optionally on a log scale. */
public record IntDistribution(long low, long high, boolean log, long step) implements Distribution {

    public IntDistribution {
        if (low > high) {
            throw new IllegalArgumentException(
                    "low <= high must hold, but got low=" + low + ", high=" + high);
        }
        if (step <= 0) {
            throw new IllegalArgumentException("step must be >= 1, but got step=" + step);
        }
        if (log && low < 1) {
            throw new IllegalArgumentException("log=true needs low >= 1, but got low=" + low);
        }
        if (log && step != 1) {
            throw new IllegalArgumentException("step and log=true cannot be combined, but got step=" + step);
        }
    }

    /** The highest value reachable from low in whole steps. */
    public long effectiveHigh() {
        return low + ((high - low) / step) * step;
    }

    @Override
    public Object toExternal(double internal) {
        long v = Math.round(internal);
        return Math.max(low, Math.min(effectiveHigh(), v));
    }

    @Override
    public double toInternal(Object external) {
        if (!(external instanceof Number n)) {
            throw new IllegalArgumentException("expected an integer, but got " + external);
        }
        return n.longValue();
    }

    @Override
    public boolean contains(Object external) {
        if (!(external instanceof Number n)) {
            return false;
        }
        double d = n.doubleValue();
        if (d != Math.rint(d)) {
            return false;
        }
        long v = n.longValue();
        return v >= low && v <= high && (v - low) % step == 0;
    }

    @Override
    public boolean isSingle() {
        return low == effectiveHigh();
    }

    @Override
    public String typeName() {
        return "int";
    }
}

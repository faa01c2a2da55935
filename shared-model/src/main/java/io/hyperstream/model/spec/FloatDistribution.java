package io.hyperstream.model.spec;

/**
 * A real-valued parameter in [low, high], optionally on a log scale or on a grid of {@code step}.
 *
 * @param step grid spacing from {@code low}, or null for a continuous range
 */
public record FloatDistribution(double low, double high, boolean log, Double step) implements Distribution {

    public FloatDistribution {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException(
                    "low and high must be finite numbers, but got low=" + low + ", high=" + high);
        }
        if (low > high) {
            throw new IllegalArgumentException(
                    "low <= high must hold, but got low=" + low + ", high=" + high);
        }
        if (log && low <= 0) {
            throw new IllegalArgumentException("log=true needs low > 0, but got low=" + low);
        }
        if (step != null) {
            if (!(step > 0) || !Double.isFinite(step)) {
                throw new IllegalArgumentException("step must be a positive number, but got step=" + step);
            }
            if (log) {
                throw new IllegalArgumentException("step and log=true cannot be combined, but got step=" + step);
            }
        }
    }

    /** The highest value reachable from low in whole steps. */
    public double effectiveHigh() {
        if (step == null) {
            return high;
        }
        return low + Math.floor((high - low) / step + 1e-9) * step;
    }

    @Override
    public Object toExternal(double internal) {
        return internal;
    }

    @Override
    public double toInternal(Object external) {
        if (!(external instanceof Number n)) {
            throw new IllegalArgumentException("expected a number, but got " + external);
        }
        return n.doubleValue();
    }

    @Override
    public boolean contains(Object external) {
        if (!(external instanceof Number n)) {
            return false;
        }
        double v = n.doubleValue();
        if (!(v >= low && v <= high)) {
            return false;
        }
        if (step == null) {
            return true;
        }
        double k = (v - low) / step;
        return Math.abs(k - Math.rint(k)) < 1e-8 * Math.max(1, Math.abs(k));
    }

    @Override
    public boolean isSingle() {
        return low == effectiveHigh();
    }

    @Override
    public String typeName() {
        return "float";
    }
}

package io.hyperstream.sampler.algorithm;

import io.hyperstream.model.spec.CategoricalDistribution;
import io.hyperstream.model.spec.Distribution;
import io.hyperstream.model.spec.FloatDistribution;
import io.hyperstream.model.spec.IntDistribution;

/**
 * One parameter as a model-based sampler sees it: an interval of the real line (the logarithm
 * for log-scaled parameters, widened by half a step on each side for stepped and integer ones,
 * so that every grid value owns an equal share) or a set of choice indices.
 */
record SearchDimension(String name, Distribution distribution, double low, double high, int choices) {

    static SearchDimension of(String name, Distribution distribution) {
        if (distribution instanceof CategoricalDistribution c) {
            return new SearchDimension(name, distribution, 0, c.choices().size() - 1, c.choices().size());
        }
        if (distribution instanceof IntDistribution i) {
            if (i.log()) {
                return new SearchDimension(name, distribution, Math.log(i.low() - 0.5), Math.log(i.high() + 0.5), 0);
            }
            double half = i.step() / 2.0;
            return new SearchDimension(name, distribution, i.low() - half, i.effectiveHigh() + half, 0);
        }
        FloatDistribution f = (FloatDistribution) distribution;
        if (f.log()) {
            return new SearchDimension(name, distribution, Math.log(f.low()), Math.log(f.high()), 0);
        }
        if (f.step() != null) {
            double half = f.step() / 2;
            return new SearchDimension(name, distribution, f.low() - half, f.effectiveHigh() + half, 0);
        }
        return new SearchDimension(name, distribution, f.low(), f.high(), 0);
    }

    boolean isCategorical() {
        return choices > 0;
    }

    /** The width of the interval (of a numeric dimension). */
    double width() {
        return high - low;
    }

    /** A parameter value in this dimension's coordinates (a choice index for a categorical). */
    double toModel(Object value) {
        Distribution d = distribution;
        if (d instanceof CategoricalDistribution) {
            return d.toInternal(value);
        }
        double v = ((Number) value).doubleValue();
        boolean log = d instanceof IntDistribution i ? i.log() : ((FloatDistribution) d).log();
        return log ? Math.log(v) : v;
    }

    /** The parameter value nearest to a point of this dimension, on the grid and within bounds. */
    Object toValue(double x) {
        Distribution d = distribution;
        if (d instanceof CategoricalDistribution c) {
            int index = (int) Math.max(0, Math.min(choices - 1, Math.round(x)));
            return c.choices().get(index);
        }
        if (d instanceof IntDistribution i) {
            double v = i.log() ? Math.exp(x) : x;
            long k = Math.round((v - i.low()) / i.step());
            long value = i.low() + k * i.step();
            return Math.max(i.low(), Math.min(i.effectiveHigh(), value));
        }
        FloatDistribution f = (FloatDistribution) d;
        double v = f.log() ? Math.exp(x) : x;
        if (f.step() != null) {
            long k = Math.round((v - f.low()) / f.step());
            v = f.low() + k * f.step();
            // low + k * step may land a rounding error above high (0.001 + 9 * 0.001 > 0.01).
            return Math.max(f.low(), Math.min(Math.min(f.effectiveHigh(), f.high()), v));
        }
        return Math.max(f.low(), Math.min(f.high(), v));
    }
}

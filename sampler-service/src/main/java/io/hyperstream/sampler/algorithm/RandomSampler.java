package io.hyperstream.sampler.algorithm;

import io.hyperstream.model.spec.CategoricalDistribution;
import io.hyperstream.model.spec.Distribution;
import io.hyperstream.model.spec.FloatDistribution;
import io.hyperstream.model.spec.IntDistribution;
import io.hyperstream.model.spec.ParamSpec;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws every parameter uniformly from its distribution (log-uniformly on a log scale), as
 * Optuna's {@code RandomSampler}. The same seed gives the same sequence of values.
 */
public final class RandomSampler implements Sampler {

    private final SplittableRandom random;

    public RandomSampler(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public Object sampleIndependent(StudyView study, int trialNumber, Map<String, Object> paramsSoFar, ParamSpec param) {
        return sample(param.distribution(), random);
    }

    /**
     * One value drawn uniformly from a distribution: a Double for a float, a Long for an int, one
     * of the choices for a categorical. The top of a stepped range is included when it lies on
     * the grid.
     */
    public static Object sample(Distribution distribution, SplittableRandom random) {
        if (distribution instanceof FloatDistribution f) {
            return sampleFloat(f, random);
        }
        if (distribution instanceof IntDistribution i) {
            return sampleInt(i, random);
        }
        CategoricalDistribution c = (CategoricalDistribution) distribution;
        return c.choices().get(random.nextInt(c.choices().size()));
    }

    private static double sampleFloat(FloatDistribution f, SplittableRandom random) {
        if (f.step() != null) {
            long steps = Math.round((f.effectiveHigh() - f.low()) / f.step());
            long k = random.nextLong(steps + 1);
            return Math.min(f.low() + k * f.step(), f.high());
        }
        double u = random.nextDouble();
        double value = f.log()
                ? Math.exp(Math.log(f.low()) + u * (Math.log(f.high()) - Math.log(f.low())))
                // Written as a weighted mean so that a range wider than Double.MAX_VALUE does not overflow.
                : f.low() * (1 - u) + f.high() * u;
        return clamp(value, f.low(), f.high());
    }

    private static long sampleInt(IntDistribution i, SplittableRandom random) {
        if (i.log()) {
            // As Optuna: log-uniform over [low - 0.5, high + 0.5], rounded, so that every integer
            // gets the share of the log scale around it.
            double logLow = Math.log(i.low() - 0.5);
            double logHigh = Math.log(i.high() + 0.5);
            double value = Math.exp(logLow + random.nextDouble() * (logHigh - logLow));
            return Math.max(i.low(), Math.min(i.high(), Math.round(value)));
        }
        long steps = Math.subtractExact(i.effectiveHigh(), i.low()) / i.step();
        return i.low() + random.nextLong(Math.addExact(steps, 1)) * i.step();
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}

package io.hyperstream.sampler.algorithm;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.CategoricalDistribution;
import io.hyperstream.model.spec.Distribution;
import io.hyperstream.model.spec.FloatDistribution;
import io.hyperstream.model.spec.IntDistribution;
import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.model.spec.StudySpec;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Quasi-Monte-Carlo search, as Optuna's {@code QMCSampler}: the k-th trial that uses the joint
 * space takes point k of a Sobol' or Halton sequence, scaled to the parameters' ranges, so that the
 * trials cover the space more evenly than random ones. As in Optuna, the joint space is that of
 * the first trial to complete or be pruned, without its categorical parameters: until such a trial
 * exists, and for categorical parameters and parameters that trial did not have, values are drawn
 * at random. Unscrambled (the default, as in Optuna), the sequence is the same for every seed; the
 * seed then only decides the random values.
 */
public final class QmcSampler implements Sampler {

    /** The option names a spec may give. */
    public static final Set<String> OPTION_NAMES = Set.of("qmc_type", "scramble");

    /** The kinds of sequence. */
    public enum QmcType {
        SOBOL, HALTON
    }

    /** The sampler's settings: the kind of sequence and whether it is randomized. */
    public record Options(QmcType qmcType, boolean scramble) {

        public Options {
            if (qmcType == null) {
                throw new IllegalArgumentException("qmc_type is required");
            }
        }

        /**
         * Options from a spec's {@code sampler.options}; {@code qmc_type} defaults to sobol and
         * {@code scramble} to {@code scrambleByDefault}.
         */
        public static Options from(String sampler, Map<String, Object> options, boolean scrambleByDefault) {
            SamplerRegistry.requireKnownOptions(sampler, options, OPTION_NAMES);
            Object type = options.getOrDefault("qmc_type", "sobol");
            QmcType qmcType;
            if ("sobol".equals(type)) {
                qmcType = QmcType.SOBOL;
            } else if ("halton".equals(type)) {
                qmcType = QmcType.HALTON;
            } else {
                throw new IllegalArgumentException("sampler.options.qmc_type of sampler '" + sampler
                        + "' must be \"sobol\" or \"halton\", but got " + type);
            }
            return new Options(qmcType, new OptionReader(sampler, options).bool("scramble", scrambleByDefault));
        }
    }

    private final Options options;
    private final RandomSampler independent;
    private final SplittableRandom scrambling;
    /** The joint space, fixed by the first finished trial; null until then. */
    private Map<String, Distribution> space;
    private LowDiscrepancySequence sequence;
    /** The index of the next point: how many trials have used the joint space. */
    private long nextPoint;

    public QmcSampler(Options options, long seed) {
        this.options = options;
        SplittableRandom root = new SplittableRandom(seed);
        this.independent = new RandomSampler(root.nextLong());
        this.scrambling = root.split();
    }

    @Override
    public void checkSpec(StudySpec spec) {
        long numeric = spec.searchSpace().stream()
                .filter(p -> !(p.distribution() instanceof CategoricalDistribution))
                .count();
        if (options.qmcType() == QmcType.SOBOL && numeric > SobolSequence.MAX_DIMENSIONS) {
            throw new IllegalArgumentException("the search space has " + numeric + " numeric parameters, but"
                    + " Sobol' points have at most " + SobolSequence.MAX_DIMENSIONS
                    + " dimensions here; use sampler.options.qmc_type \"halton\"");
        }
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(StudyView study, int trialNumber) {
        if (space == null) {
            Optional<FrozenTrial> first = study.finishedTrials().stream()
                    .filter(t -> t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED)
                    .min(Comparator.comparingInt(FrozenTrial::number));
            if (first.isEmpty()) {
                return Map.of();
            }
            Map<String, Distribution> inferred = new LinkedHashMap<>();
            for (ParamSpec param : study.spec().searchSpace()) {
                if (first.get().params().containsKey(param.name())
                        && !(param.distribution() instanceof CategoricalDistribution)) {
                    inferred.put(param.name(), param.distribution());
                }
            }
            space = inferred;
        }
        return space;
    }

    @Override
    public Map<String, Object> sampleRelative(StudyView study, int trialNumber, Map<String, Distribution> searchSpace) {
        LowDiscrepancySequence points = sequence(searchSpace.size());
        double[] u = points.point(nextPoint++);
        Map<String, Object> values = new LinkedHashMap<>();
        int j = 0;
        for (Map.Entry<String, Distribution> e : searchSpace.entrySet()) {
            values.put(e.getKey(), valueAt(e.getValue(), u[j++]));
        }
        return values;
    }

    /**
     * The value at fraction {@code u} in [0, 1) of a numeric distribution, as Optuna's
     * {@code _SearchSpaceTransform} maps it: linearly (logarithmically on a log scale), an integer
     * or stepped range widened by half a step at each end and rounded. Ties there round up (numpy
     * rounds them to even), so that each of 2^k values gets one of 2^k consecutive Sobol' points.
     */
    static Object valueAt(Distribution distribution, double u) {
        if (distribution instanceof IntDistribution i) {
            if (i.log()) {
                double low = Math.log(i.low() - 0.5);
                double high = Math.log(i.high() + 0.5);
                long v = Math.round(Math.exp(low + u * (high - low)));
                return Math.max(i.low(), Math.min(i.high(), v));
            }
            long count = (i.effectiveHigh() - i.low()) / i.step() + 1;
            return i.low() + Math.min(count - 1, (long) Math.floor(u * count)) * i.step();
        }
        FloatDistribution f = (FloatDistribution) distribution;
        if (f.step() != null) {
            long count = Math.round((f.effectiveHigh() - f.low()) / f.step()) + 1;
            return Math.min(f.low() + Math.min(count - 1, (long) Math.floor(u * count)) * f.step(), f.high());
        }
        if (f.isSingle()) {
            return f.low();
        }
        double v = f.log()
                ? Math.exp(Math.log(f.low()) * (1 - u) + Math.log(f.high()) * u)
                // A weighted mean, so that a range wider than Double.MAX_VALUE does not overflow.
                : f.low() * (1 - u) + f.high() * u;
        // As Optuna, the top of a continuous range is left out, as the points leave out 1.
        return Math.max(f.low(), Math.min(Math.nextDown(f.high()), v));
    }

    @Override
    public Object sampleIndependent(StudyView study, int trialNumber, Map<String, Object> paramsSoFar, ParamSpec param) {
        return independent.sampleIndependent(study, trialNumber, paramsSoFar, param);
    }

    private LowDiscrepancySequence sequence(int dimensions) {
        if (sequence == null || sequence.dimensions() != dimensions) {
            boolean sobol = options.qmcType() == QmcType.SOBOL;
            if (options.scramble()) {
                sequence = sobol ? SobolSequence.scrambled(dimensions, scrambling) : HaltonSequence.scrambled(dimensions, scrambling);
            } else {
                sequence = sobol ? SobolSequence.of(dimensions) : HaltonSequence.of(dimensions);
            }
        }
        return sequence;
    }
}

package io.hyperstream.sampler.algorithm;

import io.hyperstream.model.spec.Distribution;
import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.model.spec.StudySpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The default sampler: picks one of the others from the study's space and budget, and keeps it
 * for the whole study except where noted.
 *
 * <ul>
 *   <li>multi-objective: {@code nsga2} for budgets above {@code nsga2_min_trials} (default 300),
 *       otherwise multi-objective {@code tpe};</li>
 *   <li>a space with conditional parameters: {@code tpe} (univariate, which follows the tree);</li>
 *   <li>otherwise (numeric and categorical parameters, one objective): {@code gp}, the best of
 *       every sampler on every benchmark problem at 50, 100 and 200 trials (see
 *       docs/benchmarks.md), for the first {@code gp_max_trials} trials (default 300, where a
 *       Gaussian process grows slow), then {@code tpe} on the whole history.</li>
 * </ul>
 *
 * Every delegate gets a seed derived from this sampler's seed, so the choice and the sequence
 * are deterministic.
 */
public final class AutoSampler implements Sampler {

    /** The option names a spec may give. */
    public static final Set<String> OPTION_NAMES = Set.of("gp_max_trials", "nsga2_min_trials");

    private final BiFunction<String, Long, Sampler> factory;
    private final long seed;
    private final int gpMaxTrials;
    private final int nsga2MinTrials;
    private Sampler main;
    private Sampler late;

    /**
     * @param factory creates a registered sampler by type with default options and a seed
     */
    public AutoSampler(Map<String, Object> options, long seed, BiFunction<String, Long, Sampler> factory) {
        SamplerRegistry.requireKnownOptions("auto", options, OPTION_NAMES);
        OptionReader reader = new OptionReader("auto", options);
        this.gpMaxTrials = reader.integer("gp_max_trials", 300);
        this.nsga2MinTrials = reader.integer("nsga2_min_trials", 300);
        if (gpMaxTrials < 0) {
            throw new IllegalArgumentException("sampler.options.gp_max_trials must be >= 0, but got " + gpMaxTrials);
        }
        if (nsga2MinTrials < 0) {
            throw new IllegalArgumentException("sampler.options.nsga2_min_trials must be >= 0, but got " + nsga2MinTrials);
        }
        this.factory = factory;
        this.seed = seed;
    }

    /** The type this sampler delegates to for a study of {@code spec} at trial {@code trialNumber}. */
    public String choose(StudySpec spec, int trialNumber) {
        if (spec.directions().size() > 1) {
            return spec.budget().nTrials() > nsga2MinTrials ? "nsga2" : "tpe";
        }
        if (spec.searchSpace().stream().anyMatch(ParamSpec::isConditional)) {
            return "tpe";
        }
        return trialNumber < gpMaxTrials ? "gp" : "tpe";
    }

    private Sampler delegate(StudyView study, int trialNumber) {
        String type = choose(study.spec(), trialNumber);
        String first = choose(study.spec(), 0);
        if (type.equals(first)) {
            if (main == null) {
                main = factory.apply(first, seed);
            }
            return main;
        }
        if (late == null) {
            late = factory.apply(type, seed ^ 0x5DEECE66DL);
        }
        return late;
    }

    @Override
    public boolean modelsHyperbandBracketsApart(StudySpec spec, int trialNumber) {
        return choose(spec, trialNumber).equals("tpe");
    }

    @Override
    public void checkSpec(StudySpec spec) {
        factory.apply(choose(spec, 0), seed).checkSpec(spec);
    }

    @Override
    public Optional<String> exhausted(StudyView study) {
        return Optional.empty();
    }

    @Override
    public LinkedHashMap<String, Object> sampleTrial(StudyView study, int trialNumber) {
        return delegate(study, trialNumber).sampleTrial(study, trialNumber);
    }

    @Override
    public LinkedHashMap<String, Object> sampleTrial(StudyView study, int trialNumber, Map<String, Object> fixed) {
        return delegate(study, trialNumber).sampleTrial(study, trialNumber, fixed);
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(StudyView study, int trialNumber) {
        return delegate(study, trialNumber).inferRelativeSearchSpace(study, trialNumber);
    }

    @Override
    public Map<String, Object> sampleRelative(StudyView study, int trialNumber, Map<String, Distribution> searchSpace) {
        return delegate(study, trialNumber).sampleRelative(study, trialNumber, searchSpace);
    }

    @Override
    public Object sampleIndependent(StudyView study, int trialNumber, Map<String, Object> paramsSoFar, ParamSpec param) {
        return delegate(study, trialNumber).sampleIndependent(study, trialNumber, paramsSoFar, param);
    }

    @Override
    public void afterTrial(StudyView study, FrozenTrial trial) {
        if (main != null) {
            main.afterTrial(study, trial);
        }
        if (late != null) {
            late.afterTrial(study, trial);
        }
    }
}

package io.hyperstream.sampler.algorithm;

import io.hyperstream.model.spec.Distribution;
import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.model.spec.StudySpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the parameters of a study's trials, in the spirit of Optuna's {@code BaseSampler}.
 *
 * <p>{@link #sampleTrial} walks the search space in order. Parameters of the relative search
 * space (the joint space a model-based sampler such as multivariate TPE or CMA-ES works in) take
 * their values from {@link #sampleRelative}; every other parameter is drawn alone by
 * {@link #sampleIndependent}. A conditional parameter exists exactly when its condition holds for
 * the value its parent received in the same trial. {@link #afterTrial} is told of every finished
 * trial.
 *
 * <p>A sampler over a finite space (grid search) may run out of configurations: it then says so
 * through {@link #exhausted}, and the study schedules no more trials.
 *
 * <p>Implementations are deterministic for a given seed and sequence of calls, and are called by
 * one thread at a time.
 */
public interface Sampler {

    /**
     * Fails with an IllegalArgumentException naming the parameter or option and the reason when
     * this sampler cannot run a study of this spec (a grid over a continuous parameter, say).
     * Called once, before the study is accepted; accepts every spec by default.
     */
    default void checkSpec(StudySpec spec) {
    }

    /**
     * Why no configuration is left to assign (every point of a finite space was assigned to a
     * trial, finished or in flight), or empty while one is. Always empty by default.
     */
    default Optional<String> exhausted(StudyView study) {
        return Optional.empty();
    }

    /**
     * The parameters of trial {@code trialNumber}, in search-space order. Fails with
     * {@link IllegalStateException} if the sampler proposes a value outside a parameter's
     * distribution.
     */
    default LinkedHashMap<String, Object> sampleTrial(StudyView study, int trialNumber) {
        return sampleTrial(study, trialNumber, Map.of());
    }

    /**
     * The parameters of trial {@code trialNumber} where those in {@code fixed} keep the given
     * values (an enqueued trial, as Optuna's {@code enqueue_trial}) and the others are sampled. A
     * fixed parameter whose condition does not hold in this trial is left out. Relative sampling
     * still sees the whole relative search space, as in Optuna, but is skipped when every
     * parameter of it is fixed.
     */
    default LinkedHashMap<String, Object> sampleTrial(StudyView study, int trialNumber, Map<String, Object> fixed) {
        Map<String, Distribution> relativeSpace = inferRelativeSearchSpace(study, trialNumber);
        Map<String, Object> relative = relativeSpace.isEmpty() || fixed.keySet().containsAll(relativeSpace.keySet())
                ? Map.of()
                : sampleRelative(study, trialNumber, relativeSpace);
        LinkedHashMap<String, Object> params = new LinkedHashMap<>();
        Map<String, Object> paramsSoFar = Collections.unmodifiableMap(params);
        for (ParamSpec param : study.spec().searchSpace()) {
            if (param.isConditional() && !param.condition().holds(params.get(param.condition().param()))) {
                continue;
            }
            Object value;
            if (fixed.containsKey(param.name())) {
                value = fixed.get(param.name());
            } else if (relative.containsKey(param.name())) {
                value = relative.get(param.name());
            } else {
                value = sampleIndependent(study, trialNumber, paramsSoFar, param);
            }
            if (!param.distribution().contains(value)) {
                String source = fixed.containsKey(param.name())
                        ? "the fixed value "
                        : getClass().getSimpleName() + " proposed ";
                throw new IllegalStateException(source + value + " for parameter '" + param.name() + "' of trial " + trialNumber
                        + ", which is outside its distribution " + param.distribution());
            }
            params.put(param.name(), value);
        }
        return params;
    }

    /**
     * The joint search space {@link #sampleRelative} draws from for this trial (by parameter
     * name); empty, the default, when the sampler draws every parameter independently.
     */
    default Map<String, Distribution> inferRelativeSearchSpace(StudyView study, int trialNumber) {
        return Map.of();
    }

    /**
     * Values for some or all parameters of {@code searchSpace}, drawn jointly; parameters left
     * out are drawn by {@link #sampleIndependent}. Only called with a non-empty space.
     */
    default Map<String, Object> sampleRelative(StudyView study, int trialNumber,
                                               Map<String, Distribution> searchSpace) {
        return Map.of();
    }

    /**
     * A value for one parameter, drawn on its own.
     *
     * @param paramsSoFar the values the earlier parameters of this trial received (read-only)
     */
    Object sampleIndependent(StudyView study, int trialNumber, Map<String, Object> paramsSoFar, ParamSpec param);

    /**
     * Whether, in a study pruned by Hyperband, this sampler models trial {@code trialNumber} on
     * the trials of its own bracket only, as Optuna's TPE sees a bracket's study: the brackets stop
     * trials at different steps, so their pruned trials' values do not compare. False by default.
     */
    default boolean modelsHyperbandBracketsApart(StudySpec spec, int trialNumber) {
        return false;
    }

    /** Told of each trial once it has finished (completed, pruned or failed); does nothing by default. */
    default void afterTrial(StudyView study, FrozenTrial trial) {
    }
}

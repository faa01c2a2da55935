package io.hyperstream.trainer.objective;

import java.util.List;
import java.util.Map;

/** Receives an objective's values after each epoch and says whether the trial must stop. */
@FunctionalInterface
public interface EpochReporter {

    /**
     * Reports the state after an epoch. May block while a pruner decides.
     *
     * @param epoch   epochs completed so far, from 1, increasing, at most {@code max_epochs}
     * @param values  the objective values, one per metric of {@link TrialContext#metrics()}
     * @param metrics every metric measured after this epoch (may include more than the objective's)
     * @return {@code true} if the trial is pruned and the objective must stop now
     */
    boolean report(int epoch, List<Double> values, Map<String, Double> metrics);

    /** Reports an epoch's {@link Evaluation}; see {@link #report(int, List, Map)}. */
    default boolean report(int epoch, Evaluation evaluation) {
        return report(epoch, evaluation.values(), evaluation.metrics());
    }
}

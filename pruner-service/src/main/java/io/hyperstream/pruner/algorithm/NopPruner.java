package io.hyperstream.pruner.algorithm;

/** Never prunes (Optuna's {@code NopPruner}). */
public final class NopPruner implements Pruner {

    @Override
    public Verdict prune(StudyView study, TrialView trial) {
        return Verdict.keep("pruning is off for this study");
    }
}

package io.hyperstream.trainer.objective;

/**
 * Thrown to stop a trial that was pruned, like Optuna's {@code TrialPruned}: an objective may
 * throw it after its reporter answered {@code true} (or to prune itself), and a reporter throws
 * it when an objective keeps reporting after it was told to stop.
 */
public class TrialPrunedException extends RuntimeException {

    public TrialPrunedException(String message) {
        super(message);
    }
}

package io.hyperstream.model;

/** The life of a trial, as in Optuna: waiting to run, running, and the three finished states. */
public enum TrialState {
    WAITING,
    RUNNING,
    COMPLETE,
    PRUNED,
    FAIL;

    /** Whether the trial has ended (complete, pruned or failed). */
    public boolean isFinished() {
        return this == COMPLETE || this == PRUNED || this == FAIL;
    }
}

package io.hyperstream.pruner.algorithm;

/**
 * Decides whether a trial should stop after reporting a step, in the spirit of Optuna's
 * {@code BasePruner.prune(study, trial)}. Implementations are deterministic: the same study
 * state gives the same verdict, so replaying the event log reproduces every decision.
 */
public interface Pruner {

    /**
     * The verdict for {@code trial}, which has just reported {@code step}; {@code study} holds
     * every trial known, this one included.
     */
    Verdict decide(PrunerStudy study, TrialRecord trial, int step);
}

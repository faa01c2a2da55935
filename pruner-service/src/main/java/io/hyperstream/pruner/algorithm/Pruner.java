package io.hyperstream.pruner.algorithm;

/**
 * Decides whether a trial should stop after its latest report, in the spirit of Optuna's
 * {@code BasePruner.prune(study, trial)}: the step judged is the trial's last reported step.
 * Implementations are deterministic and keep no state of their own between calls, so that the
 * same study state always gives the same verdict and replaying the event log reproduces every
 * decision.
 */
public interface Pruner {

    /**
     * The verdict for {@code trial} at its last reported step. {@code study} holds every trial
     * known, this one included; a trial with no report yet is never pruned.
     */
    Verdict prune(StudyView study, TrialView trial);
}

package io.hyperstream.trainer.objective;

/**
 * What a trial trains and evaluates, selected by the study's {@code objective.kind}.
 *
 * <p>An objective trains for at most {@link TrialContext#maxEpochs()} epochs and, after each
 * one, hands its values to {@link TrialContext#reporter()}. When the reporter answers
 * {@code true} the trial has been pruned: the objective stops training and returns (or throws
 * {@link TrialPrunedException}, whichever unwinds its training loop more easily). A DL4J
 * trainer does this from {@code TrainingListener.onEpochEnd}. Implementations are stateless:
 * one instance runs many trials, one at a time or concurrently.
 */
public interface Objective {

    /** The {@code objective.kind} this objective runs. */
    String kind();

    /**
     * Runs one trial.
     *
     * @return the final objective values (one per metric of {@link TrialContext#metrics()}, in
     *         that order) and every metric measured
     * @throws Exception on any failure: the trial fails with the exception's message
     */
    Evaluation run(TrialContext context) throws Exception;
}

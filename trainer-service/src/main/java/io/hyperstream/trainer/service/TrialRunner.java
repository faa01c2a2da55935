package io.hyperstream.trainer.service;

import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.PruneVerdict;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialFailed;
import io.hyperstream.model.event.TrialPruned;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.trainer.objective.EpochReporter;
import io.hyperstream.trainer.objective.Evaluation;
import io.hyperstream.trainer.objective.Objective;
import io.hyperstream.trainer.objective.ObjectiveRegistry;
import io.hyperstream.trainer.objective.TrialContext;
import io.hyperstream.trainer.objective.TrialPrunedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.jboss.logging.Logger;

/**
 * Runs one scheduled trial on the calling thread and publishes its life: {@code TrialStarted},
 * an {@code EpochReported} per epoch (waiting, when the trial is pruned, for that epoch's
 * verdict), then exactly one of {@code TrialCompleted}, {@code TrialPruned} or {@code TrialFailed}.
 *
 * <p>A trial fails on any exception of its objective, on an objective value that is NaN or
 * infinite (at an epoch or at the end, as in Optuna), on an invalid report and on an unknown
 * objective kind. A cancelled trial publishes nothing more and has no terminal event.
 */
public final class TrialRunner {

    private static final Logger LOG = Logger.getLogger(TrialRunner.class);

    private final String trainerId;
    private final ObjectiveRegistry objectives;
    private final TrialEventPublisher publisher;
    private final VerdictBoard verdicts;
    private final Duration verdictTimeout;

    public TrialRunner(String trainerId, ObjectiveRegistry objectives, TrialEventPublisher publisher,
                       VerdictBoard verdicts, Duration verdictTimeout) {
        this.trainerId = trainerId;
        this.objectives = objectives;
        this.publisher = publisher;
        this.verdicts = verdicts;
        this.verdictTimeout = verdictTimeout;
    }

    /** Runs the trial's first attempt to its end (see {@link #run(TrialScheduled, int, Cancellation)}). */
    public Optional<TrialEvent> run(TrialScheduled trial, Cancellation cancellation) {
        return run(trial, 1, cancellation);
    }

    /**
     * Runs the trial to its end; every event carries the attempt.
     *
     * @param attempt which delivery of the trial this is, from 1
     * @return the terminal event, stored on the broker; empty if the trial was cancelled
     * @throws PublishException if an event could not be stored: the trial must run again
     */
    public Optional<TrialEvent> run(TrialScheduled trial, int attempt, Cancellation cancellation) {
        if (cancellation.isCancelled()) {
            return Optional.empty();
        }
        if (!publish(new TrialStarted(Events.newId(), trial.studyId(), trial.trialNumber(), Events.now(), trainerId,
                trial.params(), attempt), cancellation)) {
            return Optional.empty();
        }
        LOG.infof("study %s trial %d: attempt %d started (%s, %d epochs, pruning %s) with %s", trial.studyId(),
                trial.trialNumber(), attempt, trial.objective().kind(), trial.objective().maxEpochs(), trial.pruning(),
                trial.params());

        Execution execution = new Execution(trial, attempt, cancellation);
        TrialEvent terminal = execution.run();
        if (terminal == null) {
            LOG.infof("study %s trial %d: cancelled after epoch %d; it will be delivered again", trial.studyId(),
                    trial.trialNumber(), execution.lastEpoch);
            return Optional.empty();
        }
        if (!publish(terminal, cancellation)) {
            return Optional.empty();
        }
        LOG.infof("study %s trial %d: %s", trial.studyId(), trial.trialNumber(), describe(terminal));
        return Optional.of(terminal);
    }

    /** Publishes the event; false if that failed because the trial was cancelled meanwhile. */
    private boolean publish(TrialEvent event, Cancellation cancellation) {
        try {
            publisher.publish(event);
            return true;
        } catch (PublishException e) {
            if (cancellation.isCancelled()) {
                return false;
            }
            throw e;
        }
    }

    private static String describe(TrialEvent event) {
        if (event instanceof TrialCompleted c) {
            return "completed after " + c.epochs() + " epochs with " + c.values();
        }
        if (event instanceof TrialPruned p) {
            return "pruned after epoch " + p.epoch() + " at " + p.values();
        }
        if (event instanceof TrialFailed f) {
            return "failed: " + f.reason();
        }
        return event.type();
    }

    /** The reason of a trial that failed with this exception. */
    static String reason(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getName();
        }
        // Argument errors are the objectives' own messages about settings and parameters.
        return e instanceof IllegalArgumentException ? message : e.getClass().getSimpleName() + ": " + message;
    }

    /**
     * The state of one run. The reporter records failures, prune decisions and cancellation here
     * rather than relying on exceptions alone, because an objective's training loop may catch,
     * wrap or swallow what the reporter throws.
     */
    private final class Execution implements EpochReporter {

        private final TrialScheduled trial;
        private final int attempt;
        private final Cancellation cancellation;
        private final List<String> metrics;
        private int lastEpoch;
        private List<Double> lastValues = List.of();
        private String failure;
        private PublishException publishFailure;
        private Integer prunedAt;

        Execution(TrialScheduled trial, int attempt, Cancellation cancellation) {
            this.trial = trial;
            this.attempt = attempt;
            this.cancellation = cancellation;
            this.metrics = trial.objective().metrics();
        }

        /** Runs the objective; returns the terminal event to publish, or null if cancelled. */
        TrialEvent run() {
            Evaluation result = null;
            Throwable thrown = null;
            try {
                Objective objective = objectives.forKind(trial.objective().kind());
                result = objective.run(new TrialContext(trial.studyId(), trial.trialNumber(), trial.params(),
                        trial.objective().settings(), metrics, trial.objective().maxEpochs(), trial.seed(), this));
            } catch (Exception e) {
                thrown = e;
            } catch (StackOverflowError | OutOfMemoryError | LinkageError | AssertionError e) {
                // A broken objective fails its trial; the trainer carries on with the next one.
                LOG.errorf(e, "study %s trial %d: objective raised %s", trial.studyId(), trial.trialNumber(), e);
                thrown = e;
            }
            if (cancellation.isCancelled()) {
                return null;
            }
            if (publishFailure != null) {
                throw publishFailure;
            }
            if (failure != null) {
                return failed(failure);
            }
            if (prunedAt != null) {
                return pruned(prunedAt);
            }
            if (thrown instanceof TrialPrunedException) {
                // The objective pruned itself (Optuna allows raising TrialPruned at any point).
                return pruned(lastEpoch);
            }
            if (thrown != null) {
                if (!(thrown instanceof IllegalArgumentException)) {
                    LOG.warnf(thrown, "study %s trial %d: objective failed", trial.studyId(), trial.trialNumber());
                }
                return failed(reason(thrown));
            }
            if (result == null) {
                return failed("objective " + trial.objective().kind() + " returned no result");
            }
            String invalid = checkValues(result.values(), "as its final value");
            if (invalid != null) {
                return failed(invalid);
            }
            return new TrialCompleted(Events.newId(), trial.studyId(), trial.trialNumber(), Events.now(), trainerId,
                    result.values(), result.metrics(), lastEpoch, attempt);
        }

        @Override
        public boolean report(int epoch, List<Double> values, Map<String, Double> reportedMetrics) {
            if (cancellation.isCancelled()) {
                throw new CancellationException("study " + trial.studyId() + " trial " + trial.trialNumber()
                        + " was given up by this trainer");
            }
            if (failure != null || publishFailure != null) {
                throw new IllegalStateException("study " + trial.studyId() + " trial " + trial.trialNumber()
                        + " has already failed: " + (failure != null ? failure : publishFailure.getMessage()));
            }
            if (prunedAt != null) {
                throw new TrialPrunedException("trial was pruned after epoch " + prunedAt + "; the objective must stop");
            }
            String invalid = checkReport(epoch, values, reportedMetrics);
            if (invalid != null) {
                failure = invalid;
                throw new IllegalArgumentException(invalid);
            }
            Evaluation evaluation = new Evaluation(values, reportedMetrics);
            VerdictBoard.PendingVerdict pending =
                    trial.pruning() ? verdicts.expect(trial.studyId(), trial.trialNumber(), epoch) : null;
            try {
                publisher.publish(new EpochReported(Events.newId(), trial.studyId(), trial.trialNumber(), Events.now(),
                        trainerId, epoch, evaluation.values(), evaluation.metrics(), attempt));
            } catch (PublishException e) {
                if (pending != null) {
                    pending.cancel();
                }
                publishFailure = e;
                throw e;
            }
            lastEpoch = epoch;
            lastValues = evaluation.values();
            LOG.debugf("study %s trial %d: epoch %d %s", trial.studyId(), trial.trialNumber(), epoch, lastValues);
            return pending != null && awaitVerdict(pending, epoch);
        }

        private boolean awaitVerdict(VerdictBoard.PendingVerdict pending, int epoch) {
            Optional<PruneVerdict> verdict;
            try {
                verdict = pending.await(verdictTimeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for the prune verdict of study "
                        + trial.studyId() + " trial " + trial.trialNumber() + " epoch " + epoch);
            }
            if (verdict.isEmpty()) {
                LOG.warnf("study %s trial %d: no prune verdict for epoch %d within %s; training goes on",
                        trial.studyId(), trial.trialNumber(), epoch, verdictTimeout);
                return false;
            }
            if (verdict.get().prune()) {
                prunedAt = epoch;
                LOG.infof("study %s trial %d: pruned at epoch %d (%s)", trial.studyId(), trial.trialNumber(), epoch,
                        verdict.get().reason());
                return true;
            }
            return false;
        }

        private String checkReport(int epoch, List<Double> values, Map<String, Double> reportedMetrics) {
            if (epoch <= lastEpoch) {
                return "objective reported epoch " + epoch + " after epoch " + lastEpoch
                        + ": epochs count from 1 and increase";
            }
            if (epoch > trial.objective().maxEpochs()) {
                return "objective reported epoch " + epoch + " but max_epochs is " + trial.objective().maxEpochs();
            }
            if (reportedMetrics != null && reportedMetrics.entrySet().stream()
                    .anyMatch(m -> m.getKey() == null || m.getValue() == null)) {
                return "objective reported a null metric name or value at epoch " + epoch + ": " + reportedMetrics;
            }
            return checkValues(values, "at epoch " + epoch);
        }

        /** Null if the values are one finite number per objective metric, else why not. */
        private String checkValues(List<Double> values, String when) {
            if (values == null || values.size() != metrics.size()) {
                return "objective returned " + (values == null ? "no" : values.size()) + " value(s) " + when
                        + " for " + metrics.size() + " metric(s) " + metrics;
            }
            for (int i = 0; i < values.size(); i++) {
                Double value = values.get(i);
                if (value == null || !Double.isFinite(value)) {
                    return "objective returned " + (value == null ? "null" : value.isNaN() ? "NaN" : "inf")
                            + " for metric " + metrics.get(i) + " " + when;
                }
            }
            return null;
        }

        private TrialFailed failed(String reason) {
            return new TrialFailed(Events.newId(), trial.studyId(), trial.trialNumber(), Events.now(), trainerId,
                    reason, attempt);
        }

        private TrialPruned pruned(int epoch) {
            return new TrialPruned(Events.newId(), trial.studyId(), trial.trialNumber(), Events.now(), trainerId,
                    epoch, lastValues, attempt);
        }
    }
}

package io.hyperstream.trainer.metrics;

import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialFailed;
import io.hyperstream.model.event.TrialPruned;
import io.hyperstream.model.event.TrialStarted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The trainer's domain metrics, from the trial events it has stored on the broker: trials started
 * and finished (by state), epochs trained (their rate is the epochs per second) and the time per
 * epoch. No label names a study or a trial.
 */
@Singleton
public class TrainerMeters {

    private final MeterRegistry registry;
    private final Counter started;
    private final Counter epochs;
    private final Timer epochTime;
    /** When each trial running here last reported (or started), in System.nanoTime. */
    private final Map<String, Long> lastReport = new HashMap<>();

    public TrainerMeters(MeterRegistry registry) {
        this.registry = registry;
        this.started = Counter.builder("hyperstream.trainer.trials.started")
                .description("Trial runs started (a trial run again counts again)").register(registry);
        this.epochs = Counter.builder("hyperstream.trainer.epochs")
                .description("Epochs trained and reported; its rate is the epochs per second").register(registry);
        this.epochTime = Timer.builder("hyperstream.trainer.epoch")
                .description("Time from a trial's start or previous report to an epoch's report: the epoch's training"
                        + " and evaluation, plus the wait for the previous epoch's prune verdict")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(30))
                .register(registry);
    }

    /** Counts an event once the broker has stored it. */
    public void published(TrialEvent event) {
        String trial = event.studyId() + "/" + event.trialNumber();
        long now = System.nanoTime();
        if (event instanceof TrialStarted) {
            started.increment();
            synchronized (lastReport) {
                lastReport.put(trial, now);
            }
        } else if (event instanceof EpochReported) {
            epochs.increment();
            Long previous;
            synchronized (lastReport) {
                previous = lastReport.put(trial, now);
            }
            if (previous != null) {
                epochTime.record(Duration.ofNanos(now - previous));
            }
        } else if (event instanceof TrialCompleted || event instanceof TrialPruned || event instanceof TrialFailed) {
            synchronized (lastReport) {
                lastReport.remove(trial);
            }
            Counter.builder("hyperstream.trainer.trials.finished")
                    .description("Trials ended by this trainer, by final state")
                    .tag("state", state(event))
                    .register(registry)
                    .increment();
        }
    }

    private static String state(TrialEvent event) {
        if (event instanceof TrialCompleted) {
            return "COMPLETE";
        }
        return event instanceof TrialPruned ? "PRUNED" : "FAIL";
    }
}

package io.hyperstream.sampler.service;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudyCompleted;
import io.hyperstream.model.event.StudyRejected;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialFailed;
import io.hyperstream.model.event.TrialPruned;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.sampler.algorithm.FrozenTrial;
import io.hyperstream.sampler.algorithm.Sampler;
import io.hyperstream.sampler.algorithm.SamplerRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Runs studies: accepts or rejects submissions, keeps up to {@code parallelism} trials of each
 * study in flight, schedules exactly {@code n_trials} (fewer after a timeout, a stop request, or
 * once the sampler has no configuration left) and announces each study's completion once its last
 * trial has finished. State is held in memory; every method is synchronized because commands,
 * trial events and the timeout check arrive on different threads.
 */
public final class StudyScheduler {

    public static final String REASON_N_TRIALS = "n_trials reached";
    public static final String REASON_TIMEOUT = "timeout";
    public static final String REASON_STOPPED = "stopped by request";

    private static final Logger LOG = Logger.getLogger(StudyScheduler.class);

    private final EventPublisher publisher;
    private final SamplerRegistry samplers;
    private final SchedulerSettings settings;
    private final Clock clock;
    private final LongSupplier seedSource;
    /** Every study id ever submitted, with the eventId of the submission that claimed it. */
    private final Map<String, String> submissions = new HashMap<>();
    /** Accepted studies that have not completed. */
    private final Map<String, StudyRun> runs = new LinkedHashMap<>();

    /**
     * @param seedSource gives the sampler seed of studies submitted without one
     */
    public StudyScheduler(EventPublisher publisher, SamplerRegistry samplers, SchedulerSettings settings,
                          Clock clock, LongSupplier seedSource) {
        this.publisher = publisher;
        this.samplers = samplers;
        this.settings = settings;
        this.clock = clock;
        this.seedSource = seedSource;
    }

    /** Acts on a study command. */
    public synchronized void handle(IncomingCommand command) {
        if (command instanceof IncomingCommand.Submit submit) {
            submit(submit);
        } else if (command instanceof IncomingCommand.Stop stop) {
            stop(stop);
        }
    }

    /** Records a trial event of a running study; a trial's end may schedule the next one or complete the study. */
    public synchronized void onTrialEvent(TrialEvent event) {
        StudyRun run = runs.get(event.studyId());
        if (run == null) {
            LOG.debugf("study %s trial %d: ignoring %s, the study is not running here",
                    event.studyId(), event.trialNumber(), event.type());
            return;
        }
        int number = event.trialNumber();
        StudyRun.TrialInFlight trial = run.inFlight.get(number);
        if (trial == null) {
            if (number < run.scheduled) {
                LOG.debugf("study %s trial %d: ignoring %s, the trial has already finished",
                        run.studyId, number, event.type());
            } else {
                LOG.warnf("study %s trial %d: ignoring %s, no such trial was scheduled (%d so far)",
                        run.studyId, number, event.type(), run.scheduled);
            }
            return;
        }
        if (event instanceof TrialStarted) {
            trial.state = TrialState.RUNNING;
        } else if (event instanceof EpochReported epoch) {
            trial.state = TrialState.RUNNING;
            if (!epoch.values().isEmpty()) {
                trial.intermediateValues.put(epoch.epoch(), epoch.value());
            }
        } else if (event instanceof TrialCompleted completed) {
            finish(run, number, trial.frozen(number, TrialState.COMPLETE, completed.values()));
        } else if (event instanceof TrialPruned pruned) {
            finish(run, number, trial.frozen(number, TrialState.PRUNED, pruned.values()));
        } else if (event instanceof TrialFailed failed) {
            LOG.infof("study %s trial %d failed: %s", run.studyId, number, failed.reason());
            finish(run, number, trial.frozen(number, TrialState.FAIL, List.of()));
        }
    }

    /** Ends the scheduling of studies whose budget.timeout has passed, and completes those with nothing running. */
    public synchronized void checkTimeouts() {
        Instant now = clock.instant();
        for (StudyRun run : new ArrayList<>(runs.values())) {
            if (run.endReason == null && run.timeoutPassed(now)) {
                advance(run);
            }
        }
    }

    /** How many accepted studies have not completed yet. */
    public synchronized int runningStudies() {
        return runs.size();
    }

    private void submit(IncomingCommand.Submit submit) {
        String studyId = submit.studyId();
        String claimedBy = submissions.get(studyId);
        if (submit.eventId().equals(claimedBy)) {
            LOG.debugf("study %s: ignoring a second delivery of submission %s", studyId, submit.eventId());
            return;
        }
        if (claimedBy != null) {
            reject(studyId, "study id '" + studyId + "' is already used");
            return;
        }
        submissions.put(studyId, submit.eventId());
        if (submit.problem() != null) {
            reject(studyId, submit.problem());
            return;
        }
        StudySpec spec = submit.spec();
        long seed = spec.sampler().seed() != null ? spec.sampler().seed() : seedSource.getAsLong();
        Sampler sampler;
        try {
            sampler = samplers.createFor(spec, seed);
        } catch (IllegalArgumentException e) {
            reject(studyId, e.getMessage());
            return;
        }
        String problem = problemWith(spec);
        if (problem != null) {
            reject(studyId, problem);
            return;
        }
        StudySpec seeded = spec.withSamplerSeed(seed);
        StudyRun run = new StudyRun(studyId, seeded, seed, sampler, clock.instant());
        runs.put(studyId, run);
        publisher.publish(new StudyAccepted(Events.newId(), studyId, now(), seeded));
        LOG.infof("study %s accepted: %d trials, %d in parallel, sampler %s (seed %d), pruner %s, objective %s",
                studyId, seeded.budget().nTrials(), seeded.budget().parallelism(), seeded.sampler().type(),
                seed, seeded.pruner().type(), seeded.objective().kind());
        advance(run);
    }

    private String problemWith(StudySpec spec) {
        String pruner = spec.pruner().type();
        if (!settings.prunerTypes().contains(pruner)) {
            return "pruner.type '" + pruner + "' is unknown; known pruners: " + settings.prunerTypes();
        }
        String kind = spec.objective().kind();
        if (!settings.trainerKinds().contains(kind)) {
            return "objective.kind '" + kind + "' is unknown; known trainer kinds: " + settings.trainerKinds();
        }
        if (spec.isMultiObjective() && spec.pruner().prunes()) {
            return "pruner.type '" + pruner + "' prunes trials, but pruning is for single-objective studies"
                    + " and this study has " + spec.directions().size() + " directions "
                    + spec.directions().stream().map(Direction::jsonName).toList()
                    + "; use pruner.type 'none'";
        }
        return null;
    }

    private void stop(IncomingCommand.Stop stop) {
        StudyRun run = runs.get(stop.studyId());
        if (run == null) {
            LOG.infof("study %s: ignoring a stop request, the study is not running here", stop.studyId());
            return;
        }
        if (run.endReason != null) {
            LOG.infof("study %s: stop requested, but no more trials were to be scheduled (%s)", run.studyId, run.endReason);
            return;
        }
        run.endReason = REASON_STOPPED;
        LOG.infof("study %s: stopped by request%s; %d trial(s) still running",
                run.studyId, stop.reason() == null ? "" : " (" + stop.reason() + ")", run.inFlight.size());
        advance(run);
    }

    private void finish(StudyRun run, int number, FrozenTrial trial) {
        run.inFlight.remove(number);
        run.finished.add(trial);
        LOG.infof("study %s trial %d finished: %s %s", run.studyId, number, trial.state(), trial.values());
        run.sampler.afterTrial(run.view(), trial);
        advance(run);
    }

    /** Schedules trials while the budget allows, then completes the study once nothing is running. */
    private void advance(StudyRun run) {
        if (run.endReason == null && run.timeoutPassed(clock.instant())) {
            run.endReason = REASON_TIMEOUT;
            LOG.infof("study %s: budget.timeout of %ss passed after %d trial(s)",
                    run.studyId, run.spec.budget().timeout(), run.scheduled);
        }
        while (run.endReason == null && run.inFlight.size() < run.spec.budget().parallelism()) {
            Optional<String> exhausted = run.sampler.exhausted(run.view());
            if (exhausted.isPresent()) {
                run.endReason = exhausted.get();
                LOG.infof("study %s: %s after %d trial(s)", run.studyId, run.endReason, run.scheduled);
                break;
            }
            schedule(run);
            if (run.scheduled >= run.spec.budget().nTrials()) {
                run.endReason = REASON_N_TRIALS;
            }
        }
        if (run.endReason != null && run.inFlight.isEmpty()) {
            runs.remove(run.studyId);
            publisher.publish(new StudyCompleted(Events.newId(), run.studyId, now(), run.endReason, run.finished.size()));
            LOG.infof("study %s completed (%s): %d trial(s) finished", run.studyId, run.endReason, run.finished.size());
        }
    }

    private void schedule(StudyRun run) {
        int number = run.scheduled;
        LinkedHashMap<String, Object> params = run.sampler.sampleTrial(run.view(), number);
        run.scheduled++;
        run.inFlight.put(number, new StudyRun.TrialInFlight(params));
        publisher.publish(new TrialScheduled(Events.newId(), run.studyId, number, now(), params,
                run.spec.objective(), run.spec.pruner().prunes(), TrialSeeds.trialSeed(run.seed, number)));
        LOG.infof("study %s trial %d scheduled: %s", run.studyId, number, params);
    }

    private void reject(String studyId, String reason) {
        publisher.publish(new StudyRejected(Events.newId(), studyId, now(), reason));
        LOG.infof("study %s rejected: %s", studyId, reason);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

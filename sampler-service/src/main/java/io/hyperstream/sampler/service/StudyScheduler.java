package io.hyperstream.sampler.service;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudyCompleted;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.StudyRejected;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialFailed;
import io.hyperstream.model.event.TrialPruned;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.model.pruner.PrunerSettings;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Runs studies: accepts or rejects submissions, keeps up to {@code parallelism} trials of each
 * study in flight, schedules exactly {@code n_trials} (fewer after a timeout, a stop request, or once the sampler has no configuration left)
 * and announces each study's completion once its last trial has finished. Enqueued trials run
 * first; a warm-started study's sampler also sees the completed trials of earlier studies.
 *
 * <p>State is held in memory and can be rebuilt from the topics: {@link #takeOver} continues
 * studies another instance (or this one before a restart) left, {@link #release} forgets studies
 * another instance takes over. If an event cannot be published the scheduler stops acting
 * ({@link #failed}) until its studies are released and taken over again, since the topics, not
 * memory, then tell what was published. Every method is synchronized because commands, trial
 * events and the timeout check arrive on different threads.
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
    private final WarmStartSource warmStarts;
    /** By study id, the eventIds of the submissions answered so far (the first claimed the id). */
    private final Map<String, Set<String>> submissions = new HashMap<>();
    /** Accepted studies that have not completed. */
    private final Map<String, StudyRun> runs = new LinkedHashMap<>();
    /** While true (a rebalance is under way) the timeout check leaves every study alone. */
    private boolean suspended;
    /** The publish failure that stopped this scheduler, or null. */
    private RuntimeException failure;

    /**
     * @param seedSource gives the sampler seed of studies submitted without one
     * @param warmStarts finds the earlier studies a warm-started study names
     */
    public StudyScheduler(EventPublisher publisher, SamplerRegistry samplers, SchedulerSettings settings,
                          Clock clock, LongSupplier seedSource, WarmStartSource warmStarts) {
        this.publisher = publisher;
        this.samplers = samplers;
        this.settings = settings;
        this.clock = clock;
        this.seedSource = seedSource;
        this.warmStarts = warmStarts;
    }

    /** A scheduler that finds no earlier study (a warm-started submission is rejected). */
    public StudyScheduler(EventPublisher publisher, SamplerRegistry samplers, SchedulerSettings settings,
                          Clock clock, LongSupplier seedSource) {
        this(publisher, samplers, settings, clock, seedSource, WarmStartSource.NONE);
    }

    /** Acts on a study command. */
    public synchronized void handle(IncomingCommand command) {
        requireWorking();
        if (command instanceof IncomingCommand.Submit submit) {
            submit(submit);
        } else if (command instanceof IncomingCommand.Stop stop) {
            stop(stop);
        }
    }

    /** Records a trial event of a running study; a trial's end may schedule the next one or complete the study. */
    public synchronized void onTrialEvent(TrialEvent event) {
        requireWorking();
        StudyRun run = runs.get(event.studyId());
        if (run == null) {
            LOG.debugf("study %s trial %d: ignoring %s, the study is not running here",
                    event.studyId(), event.trialNumber(), event.type());
            return;
        }
        if (record(run, event)) {
            advance(run);
        }
    }

    /** Ends the scheduling of studies whose budget.timeout has passed, and completes those with nothing running. */
    public synchronized void checkTimeouts() {
        if (suspended || failure != null) {
            return;
        }
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

    /** The ids of the accepted studies that have not completed, in the order they were accepted or taken over. */
    public synchronized List<String> runningStudyIds() {
        return List.copyOf(runs.keySet());
    }

    /** Holds the timeout check while the studies' ownership is being decided (a rebalance). */
    public synchronized void suspend() {
        suspended = true;
    }

    /** Lets the timeout check act again. */
    public synchronized void resume() {
        suspended = false;
    }

    /** Why this scheduler stopped acting (an event could not be published), or null while it works. */
    public synchronized RuntimeException failed() {
        return failure;
    }

    /**
     * Forgets the studies whose id matches (their submissions and, if running, their state): they
     * are now run elsewhere, or are about to be rebuilt from the topics. Releasing every study
     * also clears a publish failure, since nothing that failure left half done remains.
     */
    public synchronized void release(Predicate<String> studyIds) {
        int before = runs.size();
        runs.keySet().removeIf(studyIds);
        submissions.keySet().removeIf(studyIds);
        if (runs.isEmpty() && submissions.isEmpty()) {
            failure = null;
        }
        if (before != runs.size()) {
            LOG.infof("released %d running stud%s", before - runs.size(), before - runs.size() == 1 ? "y" : "ies");
        }
    }

    /**
     * Runs the studies of a takeover from where the topics say they are: the trials published
     * stay as they are, finished ones are told to the sampler, a trial number that was counted but
     * never published (a failed publish) is scheduled now, then each study is topped up to its
     * parallelism or completed. The pending commands are handled last. A resumed sampler starts
     * from a seed derived from the study's seed and the number of trials already scheduled.
     */
    public synchronized void takeOver(Takeover takeover) {
        requireWorking();
        takeover.submissions().forEach((studyId, answered) -> submissions.put(studyId, new LinkedHashSet<>(answered)));
        for (StudyHistory history : takeover.studies()) {
            if (runs.containsKey(history.studyId())) {
                continue;
            }
            submissions.computeIfAbsent(history.studyId(), id -> new LinkedHashSet<>());
            StudyRun run = rebuild(history);
            if (run != null) {
                runs.put(run.studyId, run);
                fillGaps(run, history);
                advance(run);
            }
        }
        for (IncomingCommand command : takeover.pending()) {
            LOG.infof("study %s: handling %s %s, which had not been answered", command.studyId(),
                    command instanceof IncomingCommand.Submit ? "submission" : "stop request", command.eventId());
            handle(command);
        }
    }

    private StudyRun rebuild(StudyHistory history) {
        StudySpec spec = history.spec();
        long seed = spec.sampler().seed() != null ? spec.sampler().seed() : 0L;
        TreeMap<Integer, TrialScheduled> scheduled = new TreeMap<>();
        history.scheduled().forEach(t -> scheduled.putIfAbsent(t.trialNumber(), t));
        int next = scheduled.isEmpty() ? 0 : scheduled.lastKey() + 1;
        Sampler sampler;
        try {
            sampler = samplers.create(spec.sampler(), TrialSeeds.resumedSamplerSeed(seed, next));
        } catch (IllegalArgumentException e) {
            LOG.errorf("study %s cannot be continued here: %s", history.studyId(), e.getMessage());
            return null;
        }
        List<FrozenTrial> warm = List.of();
        if (spec.warmStart() != null) {
            WarmStarts.Result result = WarmStarts.of(spec, warmStarts.find(spec.warmStart().studies(), history.acceptedAt()));
            result.problems().forEach(p -> LOG.warnf("study %s: %s; going on without it", history.studyId(), p));
            warm = result.trials();
        }
        StudyRun run = new StudyRun(history.studyId(), spec, seed, sampler, history.acceptedAt(), warm);
        scheduled.forEach((number, trial) ->
                run.inFlight.put(number, new StudyRun.TrialInFlight(StudyRun.canonical(spec, trial.params()))));
        run.scheduled = next;
        for (TrialEvent event : history.trialEvents()) {
            record(run, event);
        }
        if (history.stopRequested()) {
            run.endReason = REASON_STOPPED;
        } else if (run.scheduled >= spec.budget().nTrials()) {
            run.endReason = REASON_N_TRIALS;
        }
        LOG.infof("study %s taken over: %d of %d trial(s) scheduled, %d finished, %d in flight%s",
                run.studyId, run.scheduled, spec.budget().nTrials(), run.finished.size(), run.inFlight.size(),
                run.endReason == null ? "" : " (" + run.endReason + ")");
        return run;
    }

    /** Publishes the trials whose numbers were counted but never published (their publish failed). */
    private void fillGaps(StudyRun run, StudyHistory history) {
        boolean mayStart = (run.endReason == null || REASON_N_TRIALS.equals(run.endReason))
                && !run.timeoutPassed(clock.instant());
        Set<Integer> published = new HashSet<>();
        history.scheduled().forEach(t -> published.add(t.trialNumber()));
        for (int number = 0; number < run.scheduled && mayStart; number++) {
            if (!published.contains(number)) {
                LOG.warnf("study %s trial %d was counted but never published; scheduling it now", run.studyId, number);
                publishTrial(run, number);
            }
        }
    }

    private void requireWorking() {
        if (failure != null) {
            throw new IllegalStateException("the scheduler stopped after a failed publish and must be rebuilt"
                    + " from the topics: " + failure.getMessage(), failure);
        }
    }

    private void submit(IncomingCommand.Submit submit) {
        String studyId = submit.studyId();
        Set<String> answered = submissions.get(studyId);
        if (answered != null && answered.contains(submit.eventId())) {
            LOG.debugf("study %s: ignoring a second delivery of submission %s", studyId, submit.eventId());
            return;
        }
        if (answered != null) {
            answered.add(submit.eventId());
            reject(studyId, "study id '" + studyId + "' is already used", true);
            return;
        }
        answered = new LinkedHashSet<>();
        answered.add(submit.eventId());
        submissions.put(studyId, answered);
        if (submit.problem() != null) {
            reject(studyId, submit.problem(), false);
            return;
        }
        StudySpec spec = submit.spec();
        long seed = spec.sampler().seed() != null ? spec.sampler().seed() : seedSource.getAsLong();
        Sampler sampler;
        try {
            sampler = samplers.createFor(spec, seed);
        } catch (IllegalArgumentException e) {
            reject(studyId, e.getMessage(), false);
            return;
        }
        String problem = problemWith(spec);
        if (problem != null) {
            reject(studyId, problem, false);
            return;
        }
        Instant acceptedAt = now();
        List<FrozenTrial> warm = List.of();
        if (spec.warmStart() != null) {
            WarmStarts.Result result = WarmStarts.of(spec, warmStarts.find(spec.warmStart().studies(), acceptedAt));
            if (!result.problems().isEmpty()) {
                reject(studyId, String.join("; ", result.problems()), false);
                return;
            }
            warm = result.trials();
            LOG.infof("study %s starts from %d completed trial(s) of %s (%d left out: outside this search space)",
                    studyId, warm.size(), spec.warmStart().studies(), result.skipped());
        }
        StudySpec seeded = spec.withSamplerSeed(seed);
        StudyRun run = new StudyRun(studyId, seeded, seed, sampler, acceptedAt, warm);
        publish(new StudyAccepted(Events.newId(), studyId, acceptedAt, seeded));
        runs.put(studyId, run);
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
        try {
            PrunerSettings.of(spec);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
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

    /** Applies a trial event to the run; true when it ended a trial. */
    private boolean record(StudyRun run, TrialEvent event) {
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
            return false;
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
            return true;
        } else if (event instanceof TrialPruned pruned) {
            finish(run, number, trial.frozen(number, TrialState.PRUNED, pruned.values()));
            return true;
        } else if (event instanceof TrialFailed failed) {
            LOG.infof("study %s trial %d failed: %s", run.studyId, number, failed.reason());
            finish(run, number, trial.frozen(number, TrialState.FAIL, List.of()));
            return true;
        }
        return false;
    }

    private void finish(StudyRun run, int number, FrozenTrial trial) {
        run.inFlight.remove(number);
        run.finished.add(trial);
        LOG.infof("study %s trial %d finished: %s %s", run.studyId, number, trial.state(), trial.values());
        run.sampler.afterTrial(run.view(), run.forSampler(trial));
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
            publishTrial(run, run.scheduled);
            run.scheduled++;
            if (run.scheduled >= run.spec.budget().nTrials()) {
                run.endReason = REASON_N_TRIALS;
            }
        }
        if (run.endReason != null && run.inFlight.isEmpty()) {
            publish(new StudyCompleted(Events.newId(), run.studyId, now(), run.endReason, run.finished.size()));
            runs.remove(run.studyId);
            LOG.infof("study %s completed (%s): %d trial(s) finished", run.studyId, run.endReason, run.finished.size());
        }
    }

    /** Samples trial {@code number} (from its enqueued values, if any), publishes it and records it in flight. */
    private void publishTrial(StudyRun run, int number) {
        long samplingStarted = System.nanoTime();
        List<Map<String, Object>> enqueued = run.spec.enqueueTrials();
        LinkedHashMap<String, Object> params = number < enqueued.size()
                ? run.sampler.sampleTrial(run.viewFor(number), run.samplerNumber(number), enqueued.get(number))
                : run.sampler.sampleTrial(run.viewFor(number), run.samplerNumber(number));
        publisher.sampled(run.studyId, run.spec.sampler().type(), System.nanoTime() - samplingStarted);
        publish(new TrialScheduled(Events.newId(), run.studyId, number, now(), params,
                run.spec.objective(), run.spec.pruner().prunes(), TrialSeeds.trialSeed(run.seed, number)));
        run.inFlight.put(number, new StudyRun.TrialInFlight(params));
        LOG.infof("study %s trial %d scheduled%s: %s", run.studyId, number,
                number < enqueued.size() ? " (enqueued)" : "", params);
    }

    private void reject(String studyId, String reason, boolean duplicate) {
        publish(new StudyRejected(Events.newId(), studyId, now(), reason, duplicate));
        LOG.infof("study %s %s: %s", studyId, duplicate ? "submitted again, rejected" : "rejected", reason);
    }

    private void publish(StudyEvent event) {
        try {
            publisher.publish(event);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    private void publish(TrialScheduled trial) {
        try {
            publisher.publish(trial);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

package io.hyperstream.cli.chaos;

import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import io.hyperstream.cli.results.ResultsClient;
import io.hyperstream.cli.results.StudyView;
import io.hyperstream.cli.stack.LocalStack;
import io.hyperstream.cli.study.StudySubmitter;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.model.spec.StudySpecReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** What the scenarios share: the running stack, study submission, waiting, the recount against the API. */
public final class ChaosRun {

    /** The trainers' trial time limit the {@code hpo chaos} stack runs with ({@code hyperstream.trainer.trial-timeout}). */
    public static final Duration TRIAL_TIMEOUT = Duration.ofSeconds(20);

    /** How long the API and the log get to agree once the study is complete (results-service reads the same events a little later). */
    private static final Duration SETTLE = Duration.ofSeconds(20);

    private final LocalStack stack;
    private final ResultsClient api;
    private final PrintWriter out;

    /**
     * How the scenarios need the local stack: two trainers, any free ports, services given
     * {@code readyTimeout} to start (and start again), trials limited to {@code trialTimeout}
     * (the hanging objective of {@link ObjectiveFaultsScenario} must be given the same limit).
     */
    public static LocalStack.Config stackConfig(Path home, Duration readyTimeout, Duration trialTimeout, PrintWriter out) {
        return new LocalStack.Config(home, 2, null, LocalStack.PortChoice.ANY, readyTimeout, TopicNames.defaults(), out)
                .withTrainerProperties(Map.of("hyperstream.trainer.trial-timeout", trialTimeout.toMillis() + "ms"));
    }

    /** Scenarios on a started stack (both trainers in the work queue: {@link LocalStack#awaitTrainers}), saying what they do to {@code out}. */
    public ChaosRun(LocalStack stack, PrintWriter out) {
        this.stack = stack;
        this.api = new ResultsClient(stack.apiUrl());
        this.out = out;
    }

    LocalStack stack() {
        return stack;
    }

    TopicNames topics() {
        return stack.topics();
    }

    String bootstrapServers() {
        return stack.bootstrapServers();
    }

    ResultsClient api() {
        return api;
    }

    static String studyId(String scenario) {
        return "chaos-" + scenario + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A cheap study: the synthetic Branin objective whose epochs sleep {@code epochMs}, random
     * sampler, no pruning.
     */
    static StudySpec spec(String name, int trials, int epochs, int epochMs, int parallelism) {
        return spec(name, trials, epochs, epochMs, parallelism, "{type: none}");
    }

    /** The same study with the pruner given in YAML, such as {@code {type: median}}. */
    static StudySpec spec(String name, int trials, int epochs, int epochMs, int parallelism, String pruner) {
        return StudySpecReader.read("""
                name: %s
                direction: minimize
                search_space:
                  - {name: x0, type: float, low: -5, high: 10}
                  - {name: x1, type: float, low: 0, high: 15}
                sampler: {type: random, seed: 7}
                pruner: %s
                objective: {kind: synthetic, settings: {function: branin, epoch_delay_ms: %d}, metric: value, max_epochs: %d}
                budget: {n_trials: %d, parallelism: %d}
                """.formatted(name, pruner, epochMs, epochs, trials, parallelism));
    }

    void submit(String studyId, StudySpec spec) {
        StudySubmitter.submit(bootstrapServers(), topics(), studyId, spec);
    }

    TrialEventFollower follow() {
        return new TrialEventFollower(bootstrapServers(), topics().trialEvents());
    }

    /** The study as the API shows it, or empty while it does not know it; an unreachable API counts as not knowing. */
    Optional<StudyView> find(String studyId) {
        try {
            return api.find(studyId);
        } catch (CliException e) {
            return Optional.empty();
        }
    }

    /** Waits until the API shows the study COMPLETE or REJECTED; fails naming what it last saw. */
    StudyView awaitEnd(String studyId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastSeen = "nothing";
        while (System.nanoTime() < deadline) {
            stack.deadService().ifPresent(dead -> {
                throw new CliException(ExitCodes.FAILURE, dead);
            });
            Optional<StudyView> view = find(studyId);
            if (view.isPresent()) {
                String state = view.get().state();
                if ("COMPLETE".equals(state) || "REJECTED".equals(state)) {
                    return view.get();
                }
                lastSeen = state + " with " + view.get().counts().finished() + " finished trials";
            }
            sleep(250);
        }
        throw new CliException(ExitCodes.FAILURE, "study " + studyId + " did not end within " + timeout.toSeconds()
                + " s (the API last showed: " + lastSeen + "); logs in " + stack.logDir());
    }

    /**
     * Waits for the study's end, then recounts its event log and compares it with the API (read
     * again until they agree or {@link #SETTLE} has passed).
     */
    ScenarioResult judge(String scenario, String studyId, int planned, Duration timeout, Double recoverS,
                         List<String> problems, Map<String, Object> extra) {
        awaitEnd(studyId, timeout);
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            Recount log = Recount.of(EventLog.read(bootstrapServers(), topics(), Set.of(studyId)));
            StudyView view = find(studyId).orElseThrow(() -> new CliException(ExitCodes.FAILURE,
                    "the results API no longer answers for study " + studyId));
            boolean agree = view.counts().finished() == log.finished() && view.counts().total() == log.scheduled();
            if (agree || System.nanoTime() > deadline) {
                return ScenarioResult.judge(scenario, studyId, planned, log, view, recoverS, problems, extra);
            }
            sleep(500);
        }
    }

    /** Seconds from {@code from} to {@code to} (event timestamps or clock readings). */
    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    void say(String format, Object... args) {
        out.println("  " + String.format(Locale.ROOT, format, args));
        out.flush();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "interrupted", e);
        }
    }
}

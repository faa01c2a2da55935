package io.hyperstream.results;

import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudyCompleted;
import io.hyperstream.model.event.StudyRejected;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialFailed;
import io.hyperstream.model.event.TrialPruned;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.model.spec.StudySpecReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Builds the events of one test study, with a unique id so that tests sharing a broker do not meet. */
public final class TestStudy {

    public final String id;
    public final StudySpec spec;

    private TestStudy(String prefix, StudySpec spec) {
        this.id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.spec = spec;
    }

    /** A study optimizing {@code value} in one direction, or several metrics in several directions. */
    public static TestStudy of(String prefix, String... directions) {
        String dirs = Stream.of(directions).map(d -> "\"" + d + "\"").collect(Collectors.joining(","));
        String metrics = directions.length == 1 ? "\"metric\":\"value\""
                : "\"metrics\":[" + Stream.iterate(0, i -> i + 1).limit(directions.length)
                        .map(i -> "\"m" + i + "\"").collect(Collectors.joining(",")) + "]";
        StudySpec spec = StudySpecReader.read("""
                {"name":"%s","directions":[%s],
                 "search_space":[{"name":"x0","type":"float","low":-5,"high":10},
                                 {"name":"opt.lr","type":"float","low":0.0001,"high":0.1,"log":true}],
                 "sampler":{"type":"random","seed":7},"pruner":{"type":"median"},
                 "objective":{"kind":"synthetic","settings":{"function":"branin"},%s,"max_epochs":12},
                 "budget":{"n_trials":4,"parallelism":2}}
                """.formatted(prefix, dirs, metrics));
        return new TestStudy(prefix, spec);
    }

    public static Map<String, Object> params(int number) {
        return Map.of("x0", number + 0.5, "opt.lr", 0.01 * (number + 1));
    }

    public String trialKey(int number) {
        return id + "/" + number;
    }

    public StudyAccepted accepted() {
        return new StudyAccepted(Events.newId(), id, Events.now(), spec);
    }

    public StudyAccepted accepted(Instant at) {
        return new StudyAccepted(Events.newId(), id, at, spec);
    }

    public StudyRejected rejected(String reason) {
        return new StudyRejected(Events.newId(), id, Events.now(), reason);
    }

    public StudyCompleted completed(String reason, int finishedTrials) {
        return new StudyCompleted(Events.newId(), id, Events.now(), reason, finishedTrials);
    }

    public TrialScheduled scheduled(int number) {
        return new TrialScheduled(Events.newId(), id, number, Events.now(), params(number), spec.objective(),
                true, 1000L + number);
    }

    public TrialStarted started(int number, String trainerId) {
        return new TrialStarted(Events.newId(), id, number, Events.now(), trainerId, params(number));
    }

    public TrialStarted started(int number, String trainerId, int attempt) {
        return new TrialStarted(Events.newId(), id, number, Events.now(), trainerId, params(number), attempt);
    }

    public EpochReported epoch(int number, String trainerId, int epoch, double value, int attempt) {
        return new EpochReported(Events.newId(), id, number, Events.now(), trainerId, epoch, List.of(value),
                Map.of("value", value), attempt);
    }

    public TrialPruned pruned(int number, String trainerId, int epoch, double value, int attempt) {
        return new TrialPruned(Events.newId(), id, number, Events.now(), trainerId, epoch, List.of(value), attempt);
    }

    public EpochReported epoch(int number, String trainerId, int epoch, double value) {
        return new EpochReported(Events.newId(), id, number, Events.now(), trainerId, epoch, List.of(value),
                Map.of("value", value, "loss", value * 2));
    }

    public TrialCompleted trialCompleted(int number, String trainerId, int epochs, double... values) {
        List<Double> list = java.util.Arrays.stream(values).boxed().toList();
        return new TrialCompleted(Events.newId(), id, number, Events.now(), trainerId, list,
                Map.of("value", values[0]), epochs);
    }

    public TrialPruned pruned(int number, String trainerId, int epoch, double... values) {
        return new TrialPruned(Events.newId(), id, number, Events.now(), trainerId, epoch,
                java.util.Arrays.stream(values).boxed().toList());
    }

    public TrialFailed failed(int number, String trainerId, String reason) {
        return new TrialFailed(Events.newId(), id, number, Events.now(), trainerId, reason);
    }
}

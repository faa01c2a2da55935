package io.hyperstream.results.dashboard;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudyCompleted;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialFailed;
import io.hyperstream.model.event.TrialPruned;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.model.spec.StudySpecReader;
import io.hyperstream.results.TopicWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A study played out as the services would publish it: trials on several trainers one after
 * another, learning curves that level off at each trial's value, some trials pruned and some
 * failed. Deterministic for a seed; the study id is unique.
 */
final class StudyScript {

    /** What a trial became, to compare with what the dashboard draws. */
    record Trial(int number, TrialState state, Map<String, Object> params, double[] values, String trainerId,
                 int epochs) {
    }

    final String id;
    final StudySpec spec;
    final List<Trial> trials = new ArrayList<>();
    private final Instant start = Instant.parse("2024-05-01T10:00:00Z");
    private final int objectives;

    /**
     * @param trials     number of trials
     * @param trainers   trainers running them side by side
     * @param epochs     epochs of a trial that is not stopped early
     * @param objectives 1, or 2 for a multi-objective study (minimize loss, maximize accuracy)
     */
    StudyScript(String prefix, int trials, int trainers, int epochs, int objectives, long seed) {
        this.id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.objectives = objectives;
        String directions = objectives == 1 ? "\"minimize\"" : "\"minimize\",\"maximize\"";
        String metrics = objectives == 1 ? "\"metric\":\"loss\"" : "\"metrics\":[\"loss\",\"accuracy\"]";
        this.spec = StudySpecReader.read("""
                {"name":"%s","directions":[%s],
                 "search_space":[{"name":"x","type":"float","low":-5,"high":10},
                                 {"name":"lr","type":"float","low":0.0001,"high":0.1,"log":true},
                                 {"name":"layers","type":"int","low":1,"high":4},
                                 {"name":"optimizer","type":"categorical","choices":["sgd","adam","rmsprop"]}],
                 "sampler":{"type":"random","seed":7},"pruner":{"type":"median"},
                 "objective":{"kind":"synthetic","settings":{"function":"branin"},%s,"max_epochs":%d},
                 "budget":{"n_trials":%d,"parallelism":%d}}
                """.formatted(prefix, directions, metrics, epochs, trials, trainers));
        Random random = new Random(seed);
        for (int n = 0; n < trials; n++) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("x", -5 + 15 * random.nextDouble());
            params.put("lr", Math.pow(10, -4 + 3 * random.nextDouble()));
            params.put("layers", (long) (1 + random.nextInt(4)));
            params.put("optimizer", List.of("sgd", "adam", "rmsprop").get(random.nextInt(3)));
            double x = (double) params.get("x");
            double loss = (x - 2) * (x - 2) / 10 + Math.abs(Math.log10((double) params.get("lr")) + 2.5)
                    + 0.1 * (long) params.get("layers") + (params.get("optimizer").equals("adam") ? 0 : 0.3);
            double[] values = objectives == 1 ? new double[] {loss} : new double[] {loss, 0.9 - 0.04 * Math.abs(x - 8) + 0.05 * random.nextDouble()};
            TrialState state = n % 8 == 5 ? TrialState.PRUNED : n % 8 == 7 && n > 0 && objectives == 1 ? TrialState.FAIL : TrialState.COMPLETE;
            int trialEpochs = state == TrialState.PRUNED ? 3 + n % 4 : state == TrialState.FAIL ? 2 : epochs;
            this.trials.add(new Trial(n, state, params, values, "trainer-" + (char) ('a' + n % trainers), trialEpochs));
        }
    }

    /** The events of the whole study, trials in the order they would be published, and its completion. */
    void publishAll(TopicWriter topics) {
        publishAccepted(topics);
        trials.forEach(t -> publishTrial(topics, t));
        topics.send(TopicWriter.TOPICS.studyEvents(), id, new StudyCompleted(Events.newId(), id, at(trials.size() * 60),
                "budget reached", trials.size()));
    }

    void publishAccepted(TopicWriter topics) {
        topics.send(TopicWriter.TOPICS.studyEvents(), id, new StudyAccepted(Events.newId(), id, start, spec));
    }

    /** One trial from its scheduling to its end, timed so that trainers run their trials one after another. */
    void publishTrial(TopicWriter topics, Trial t) {
        int trainers = spec.budget().parallelism();
        long begin = (long) (t.number() / trainers) * 40 + t.number() % trainers * 3;
        topics.send(TopicWriter.TOPICS.trials(), id + "/" + t.number(), new TrialScheduled(Events.newId(), id,
                t.number(), at(begin), t.params(), spec.objective(), true, 1000L + t.number()));
        topics.send(TopicWriter.TOPICS.trialEvents(), id, new TrialStarted(Events.newId(), id, t.number(), at(begin + 1),
                t.trainerId(), t.params()));
        for (int e = 1; e <= t.epochs(); e++) {
            double[] values = curve(t, e);
            topics.send(TopicWriter.TOPICS.trialEvents(), id, new EpochReported(Events.newId(), id, t.number(),
                    at(begin + 1 + e), t.trainerId(), e, list(values), Map.of("loss", values[0])));
        }
        Instant end = at(begin + 2 + t.epochs());
        switch (t.state()) {
            case PRUNED -> topics.send(TopicWriter.TOPICS.trialEvents(), id, new TrialPruned(Events.newId(), id,
                    t.number(), end, t.trainerId(), t.epochs(), list(curve(t, t.epochs()))));
            case FAIL -> topics.send(TopicWriter.TOPICS.trialEvents(), id, new TrialFailed(Events.newId(), id,
                    t.number(), end, t.trainerId(), "objective returned NaN"));
            default -> topics.send(TopicWriter.TOPICS.trialEvents(), id, new TrialCompleted(Events.newId(), id,
                    t.number(), end, t.trainerId(), list(t.values()), Map.of("loss", t.values()[0]), t.epochs()));
        }
    }

    /** A learning curve that starts high and settles on the trial's final value(s). */
    double[] curve(Trial t, int epoch) {
        double decay = Math.exp(-epoch / 3.0);
        double[] v = t.values().clone();
        v[0] = t.values()[0] + 2 * decay;
        if (v.length > 1) {
            v[1] = t.values()[1] * (1 - 0.5 * decay);
        }
        return v;
    }

    private Instant at(long seconds) {
        return start.plusSeconds(seconds);
    }

    private static List<Double> list(double[] values) {
        return IntStream.range(0, values.length).mapToObj(i -> values[i]).collect(Collectors.toList());
    }

    List<Trial> inState(TrialState state) {
        return trials.stream().filter(t -> t.state() == state).toList();
    }

    int objectives() {
        return objectives;
    }
}

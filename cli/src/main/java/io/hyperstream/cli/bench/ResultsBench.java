package io.hyperstream.cli.bench;

import io.hyperstream.model.Json;
import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.model.spec.StudySpecReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The synthetic study {@code hpo bench results} loads: {@code trials} trials of {@code epochs}
 * epochs each, run {@code parallel} at a time by as many trainers, with every event a real run
 * publishes (TrialScheduled on the trials topic; TrialStarted, one EpochReported per epoch and
 * TrialCompleted on the trial-events topic, key studyId), in the order trainers would publish them.
 */
final class ResultsBench {

    private final String studyId;
    private final int trials;
    private final int epochs;
    private final int parallel;
    private final StudySpec spec;
    private double best = Double.POSITIVE_INFINITY;
    private int bestNumber = -1;

    ResultsBench(String studyId, int trials, int epochs, int parallel) {
        this.studyId = studyId;
        this.trials = trials;
        this.epochs = epochs;
        this.parallel = parallel;
        this.spec = StudySpecReader.read("""
                name: bench-results
                direction: minimize
                search_space:
                  - {name: x0, type: float, low: -5, high: 10}
                  - {name: x1, type: float, low: 0, high: 15}
                  - {name: lr, type: float, low: 0.0001, high: 0.1, log: true}
                  - {name: optimizer, type: categorical, choices: [sgd, adam, rmsprop]}
                sampler: {type: random, seed: 1}
                objective: {kind: synthetic, settings: {function: branin}, metric: value, max_epochs: %d}
                budget: {n_trials: %d, parallelism: %d}
                """.formatted(epochs, trials, parallel));
    }

    String studyId() {
        return studyId;
    }

    /** Trial events (on the trial-events topic) the study publishes: start, epochs, completion per trial. */
    long trialEvents() {
        return (long) trials * (epochs + 2);
    }

    /** Every event it publishes, TrialScheduled included. */
    long events() {
        return trialEvents() + trials;
    }

    StudyAccepted accepted() {
        return new StudyAccepted(Events.newId(), studyId, Events.now(), spec);
    }

    /** The best final value published and its trial, once {@link #publish} has run. */
    double bestValue() {
        return best;
    }

    int bestNumber() {
        return bestNumber;
    }

    /**
     * Publishes the study's trial events through {@code send(topic, key, json)}: {@code parallel}
     * trials run side by side, each reporting one epoch per round, a finished trial's place taken by
     * the next one.
     */
    void publish(TopicNames topics, Sender send) {
        SplittableRandom random = new SplittableRandom(1);
        List<Running> running = new ArrayList<>();
        int next = 0;
        Instant clock = Instant.now();
        while (next < trials || !running.isEmpty()) {
            while (running.size() < parallel && next < trials) {
                Running r = new Running(next++, random);
                send.send(topics.trials(), studyId + "/" + r.number, Json.write(new TrialScheduled(Events.newId(),
                        studyId, r.number, clock, r.params, spec.objective(), true, 1000L + r.number)));
                send.send(topics.trialEvents(), studyId, Json.write(new TrialStarted(Events.newId(), studyId,
                        r.number, clock, r.trainer, r.params)));
                running.add(r);
            }
            clock = clock.plusMillis(10);
            for (int i = 0; i < running.size(); i++) {
                Running r = running.get(i);
                r.epoch++;
                double value = r.value(epochs);
                send.send(topics.trialEvents(), studyId, Json.write(new EpochReported(Events.newId(), studyId, r.number,
                        clock, r.trainer, r.epoch, List.of(value), Map.of("value", value, "loss", value * 2))));
                if (r.epoch == epochs) {
                    send.send(topics.trialEvents(), studyId, Json.write(new TrialCompleted(Events.newId(), studyId,
                            r.number, clock, r.trainer, List.of(value), Map.of("value", value), epochs)));
                    if (value < best) {
                        best = value;
                        bestNumber = r.number;
                    }
                    running.remove(i--);
                }
            }
        }
    }

    /** Publishes one record. */
    interface Sender {
        void send(String topic, String key, String json);
    }

    /** A trial in progress: its parameters, its trainer and its epochs so far. */
    private final class Running {
        final int number;
        final Map<String, Object> params = new LinkedHashMap<>();
        final String trainer;
        final double finalValue;
        int epoch;

        Running(int number, SplittableRandom random) {
            this.number = number;
            double x0 = -5 + 15 * random.nextDouble();
            double x1 = 15 * random.nextDouble();
            params.put("x0", x0);
            params.put("x1", x1);
            params.put("lr", Math.pow(10, -4 + 3 * random.nextDouble()));
            params.put("optimizer", List.of("sgd", "adam", "rmsprop").get(random.nextInt(3)));
            this.trainer = "trainer-" + (number % parallel + 1);
            this.finalValue = branin(x0, x1);
        }

        /** Converges from above to the final value over the epochs. */
        double value(int epochs) {
            return finalValue + 10.0 * (epochs - epoch) / epochs;
        }
    }

    static double branin(double x0, double x1) {
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        return Math.pow(x1 - b * x0 * x0 + c * x0 - 6, 2) + 10 * (1 - t) * Math.cos(x0) + 10;
    }
}

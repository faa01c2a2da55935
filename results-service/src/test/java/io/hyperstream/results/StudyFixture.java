package io.hyperstream.results;

import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.results.service.ResultsRecorder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores a finished study straight through the recorder (the Kafka path has its own tests): trials
 * of {@link TestStudy}'s space (x0 in [-5, 10], opt.lr in [1e-4, 0.1] log) with the value
 * {@code x0^2 / 10 + noise-free small lr term}, three epochs each, accuracy metrics and a
 * null-accuracy baseline of 0.75; every fifth trial pruned, trial 3 failed.
 */
public final class StudyFixture {

    public static final double NULL_ACCURACY = 0.75;

    private StudyFixture() {
    }

    /** The parameters of trial {@code n}: x0 spread over its range, opt.lr over its decades. */
    public static Map<String, Object> params(int n, int trials) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("x0", -5 + 15.0 * ((n * 7919) % trials) / Math.max(1, trials - 1));
        params.put("opt.lr", Math.pow(10, -4 + 3.0 * ((n * 104729) % trials) / Math.max(1, trials - 1)));
        return params;
    }

    /** The objective of those parameters (lower is better): driven by x0. */
    public static double value(Map<String, Object> params) {
        double x0 = (double) params.get("x0");
        return x0 * x0 / 10 + 0.01 * Math.log10((double) params.get("opt.lr"));
    }

    /** Stores an accepted study with {@code trials} finished trials, run by two trainers. */
    public static void load(ResultsRecorder recorder, TestStudy study, int trials) {
        recorder.record(study.accepted());
        List<TrialScheduled> scheduled = new ArrayList<>();
        List<TrialEvent> events = new ArrayList<>();
        for (int n = 0; n < trials; n++) {
            Map<String, Object> params = params(n, trials);
            scheduled.add(new TrialScheduled(Events.newId(), study.id, n, Events.now(), params,
                    study.spec.objective(), true, 1000L + n));
            String trainer = "trainer-" + (n % 2 + 1);
            events.add(new io.hyperstream.model.event.TrialStarted(Events.newId(), study.id, n, Events.now(), trainer,
                    params));
            double v = value(params);
            for (int epoch = 1; epoch <= 3; epoch++) {
                double at = v + (3 - epoch);
                events.add(new EpochReported(Events.newId(), study.id, n, Events.now(), trainer, epoch, List.of(at),
                        Map.of("value", at, "accuracy", 0.9 - at / 100)));
            }
            if (n == 3) {
                events.add(study.failed(n, trainer, "out of memory"));
            } else if (n % 5 == 4) {
                events.add(study.pruned(n, trainer, 3, v));
            } else {
                events.add(new TrialCompleted(Events.newId(), study.id, n, Events.now(), trainer, List.of(v),
                        Map.of("value", v, "accuracy", 0.9 - v / 100, "null_accuracy", NULL_ACCURACY), 3));
            }
        }
        recorder.recordScheduled(scheduled);
        recorder.recordTrialEvents(events);
    }
}

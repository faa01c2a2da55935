package io.hyperstream.model.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A trial's intermediate result after an epoch (step = epochs completed, from 1): the objective
 * value(s), one per study direction, and every metric the trainer measured.
 */
public record EpochReported(String eventId, String studyId, int trialNumber, Instant timestamp,
                            String trainerId, int epoch, List<Double> values,
                            Map<String, Double> metrics) implements TrialEvent {

    public EpochReported {
        Events.require("eventId", eventId);
        Events.require("studyId", studyId);
        Events.requireTrial(trialNumber);
        Events.require("timestamp", timestamp);
        Events.require("trainerId", trainerId);
        Events.require("values", values);
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be >= 1, but got " + epoch);
        }
        values = List.copyOf(values);
        metrics = metrics == null ? Map.of() : metrics;
    }

    /** The first objective value (the only one of a single-objective study). */
    public double value() {
        return values.get(0);
    }
}

package io.hyperstream.model.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A trial finished all its epochs; its final objective value(s) and metrics. */
public record TrialCompleted(String eventId, String studyId, int trialNumber, Instant timestamp,
                             String trainerId, List<Double> values, Map<String, Double> metrics,
                             int epochs) implements TrialEvent {

    public TrialCompleted {
        Events.require("eventId", eventId);
        Events.require("studyId", studyId);
        Events.requireTrial(trialNumber);
        Events.require("timestamp", timestamp);
        Events.require("trainerId", trainerId);
        Events.require("values", values);
        values = List.copyOf(values);
        metrics = metrics == null ? Map.of() : metrics;
    }

    /** The first objective value (the only one of a single-objective study). */
    public double value() {
        return values.get(0);
    }
}

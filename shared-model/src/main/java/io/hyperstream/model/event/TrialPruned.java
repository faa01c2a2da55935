package io.hyperstream.model.event;

import java.time.Instant;
import java.util.List;

/** A trial stopped early on a prune verdict, after the given epoch, with its last value(s). */
public record TrialPruned(String eventId, String studyId, int trialNumber, Instant timestamp,
                          String trainerId, int epoch, List<Double> values) implements TrialEvent {

    public TrialPruned {
        Events.require("eventId", eventId);
        Events.require("studyId", studyId);
        Events.requireTrial(trialNumber);
        Events.require("timestamp", timestamp);
        Events.require("trainerId", trainerId);
        values = values == null ? List.of() : List.copyOf(values);
    }
}

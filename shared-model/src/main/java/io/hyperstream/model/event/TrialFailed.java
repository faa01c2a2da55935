package io.hyperstream.model.event;

import java.time.Instant;

/** A trial failed; the reason says why (an exception, a NaN value, a time-out...). */
public record TrialFailed(String eventId, String studyId, int trialNumber, Instant timestamp,
                          String trainerId, String reason) implements TrialEvent {

    public TrialFailed {
        Events.require("eventId", eventId);
        Events.require("studyId", studyId);
        Events.requireTrial(trialNumber);
        Events.require("timestamp", timestamp);
        Events.require("trainerId", trainerId);
        Events.require("reason", reason);
    }
}

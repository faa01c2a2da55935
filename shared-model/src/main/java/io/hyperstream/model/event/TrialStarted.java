package io.hyperstream.model.event;

import java.time.Instant;
import java.util.Map;

/** A trainer has taken a trial and started it. */
public record TrialStarted(String eventId, String studyId, int trialNumber, Instant timestamp,
                           String trainerId, Map<String, Object> params) implements TrialEvent {

    public TrialStarted {
        Events.require("eventId", eventId);
        Events.require("studyId", studyId);
        Events.requireTrial(trialNumber);
        Events.require("timestamp", timestamp);
        Events.require("trainerId", trainerId);
        params = params == null ? Map.of() : params;
    }
}

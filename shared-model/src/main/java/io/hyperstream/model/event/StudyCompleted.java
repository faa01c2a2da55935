package io.hyperstream.model.event;

import java.time.Instant;

/**
 * A study has ended: every trial it started has finished. The reason says why no more trials
 * started (budget reached, timeout, stop requested, search space exhausted).
 */
public record StudyCompleted(String eventId, String studyId, Instant timestamp, String reason,
                             int finishedTrials) implements StudyEvent {

    public StudyCompleted {
        Events.require("eventId", eventId);
        Events.require("studyId", studyId);
        Events.require("timestamp", timestamp);
        Events.require("reason", reason);
    }
}

package io.hyperstream.model.event;

import java.time.Instant;

/** A submitted study was refused; the reason names the field and the bad value. */
public record StudyRejected(String eventId, String studyId, Instant timestamp, String reason)
        implements StudyEvent {

    public StudyRejected {
        Events.require("eventId", eventId);
        Events.require("studyId", studyId);
        Events.require("timestamp", timestamp);
        Events.require("reason", reason);
    }
}

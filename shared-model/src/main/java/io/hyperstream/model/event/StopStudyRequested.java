package io.hyperstream.model.event;

import java.time.Instant;

/** A user asks a study to stop: no new trial starts; running trials finish. */
public record StopStudyRequested(String eventId, String studyId, Instant timestamp, String reason)
        implements StudyCommand {

    public StopStudyRequested {
        Events.require("eventId", eventId);
        Events.require("studyId", studyId);
        Events.require("timestamp", timestamp);
    }

    public static StopStudyRequested of(String studyId, String reason) {
        return new StopStudyRequested(Events.newId(), studyId, Events.now(), reason);
    }
}

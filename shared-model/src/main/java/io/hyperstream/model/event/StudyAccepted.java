package io.hyperstream.model.event;

import io.hyperstream.model.spec.StudySpec;
import java.time.Instant;

/** A submitted study passed validation and will run; the spec is as run (seed filled in). */
public record StudyAccepted(String eventId, String studyId, Instant timestamp, StudySpec spec)
        implements StudyEvent {

    public StudyAccepted {
        Events.require("eventId", eventId);
        Events.require("studyId", studyId);
        Events.require("timestamp", timestamp);
        Events.require("spec", spec);
    }
}

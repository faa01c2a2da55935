package io.hyperstream.model.event;

import io.hyperstream.model.spec.StudySpec;
import java.time.Instant;

/** A user submits a study to run. */
public record StudySubmitted(String eventId, String studyId, Instant timestamp, StudySpec spec)
        implements StudyCommand {

    public StudySubmitted {
        Events.require("eventId", eventId);
        Events.require("studyId", studyId);
        Events.require("timestamp", timestamp);
        Events.require("spec", spec);
    }

    public static StudySubmitted of(String studyId, StudySpec spec) {
        return new StudySubmitted(Events.newId(), studyId, Events.now(), spec);
    }
}

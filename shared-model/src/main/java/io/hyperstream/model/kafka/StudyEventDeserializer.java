package io.hyperstream.model.kafka;

import io.hyperstream.model.event.StudyEvent;

/** Reads {@link StudyEvent} JSON. */
public class StudyEventDeserializer extends JsonDeserializer<StudyEvent> {

    public StudyEventDeserializer() {
        super(StudyEvent.class);
    }
}

package io.hyperstream.model.kafka;

import io.hyperstream.model.event.StudyCommand;

/** Reads {@link StudyCommand} JSON. */
public class StudyCommandDeserializer extends JsonDeserializer<StudyCommand> {

    public StudyCommandDeserializer() {
        super(StudyCommand.class);
    }
}

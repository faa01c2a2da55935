package io.hyperstream.model.kafka;

import io.hyperstream.model.event.DeadLetter;

/** Reads {@link DeadLetter} JSON. */
public class DeadLetterDeserializer extends JsonDeserializer<DeadLetter> {

    public DeadLetterDeserializer() {
        super(DeadLetter.class);
    }
}

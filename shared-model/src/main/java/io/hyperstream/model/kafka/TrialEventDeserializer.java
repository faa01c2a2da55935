package io.hyperstream.model.kafka;

import io.hyperstream.model.event.TrialEvent;

/** Reads {@link TrialEvent} JSON. */
public class TrialEventDeserializer extends JsonDeserializer<TrialEvent> {

    public TrialEventDeserializer() {
        super(TrialEvent.class);
    }
}

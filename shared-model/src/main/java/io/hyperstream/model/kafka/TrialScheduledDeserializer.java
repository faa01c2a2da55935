package io.hyperstream.model.kafka;

import io.hyperstream.model.event.TrialScheduled;

/** Reads {@link TrialScheduled} JSON. */
public class TrialScheduledDeserializer extends JsonDeserializer<TrialScheduled> {

    public TrialScheduledDeserializer() {
        super(TrialScheduled.class);
    }
}

package io.hyperstream.model.kafka;

import io.hyperstream.model.event.PruneVerdict;

/** Reads {@link PruneVerdict} JSON. */
public class PruneVerdictDeserializer extends JsonDeserializer<PruneVerdict> {

    public PruneVerdictDeserializer() {
        super(PruneVerdict.class);
    }
}

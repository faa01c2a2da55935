package io.hyperstream.model.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * The pruner's decision for one epoch report of one trial, on the prune-verdicts topic: stop the
 * trial ({@code prune}) or let it go on.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes(@JsonSubTypes.Type(value = PruneVerdict.class, name = "PruneVerdict"))
public record PruneVerdict(String eventId, String studyId, int trialNumber, Instant timestamp,
                           int epoch, boolean prune, String reason) implements TrialEventBase {

    public PruneVerdict {
        Events.require("eventId", eventId);
        Events.require("studyId", studyId);
        Events.requireTrial(trialNumber);
        Events.require("timestamp", timestamp);
    }
}

package io.hyperstream.model.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.hyperstream.model.spec.ObjectiveSpec;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trial to run, on the trials topic: its parameters, the objective, whether the trainer must
 * wait for prune verdicts, and the seed its objective uses.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes(@JsonSubTypes.Type(value = TrialScheduled.class, name = "TrialScheduled"))
public record TrialScheduled(
        String eventId,
        String studyId,
        int trialNumber,
        Instant timestamp,
        Map<String, Object> params,
        ObjectiveSpec objective,
        boolean pruning,
        long seed) implements TrialEventBase {

    public TrialScheduled {
        Events.require("eventId", eventId);
        Events.require("studyId", studyId);
        Events.requireTrial(trialNumber);
        Events.require("timestamp", timestamp);
        Events.require("params", params);
        Events.require("objective", objective);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}

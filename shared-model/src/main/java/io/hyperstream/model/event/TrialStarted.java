package io.hyperstream.model.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * A trainer has taken a trial and started it.
 *
 * @param attempt which delivery of the trial to a trainer this is, from 1: a trial whose trainer
 *                stopped before ending it is started again by another trainer with the next
 *                attempt, its epochs counted from 1 again (1 when absent in JSON)
 */
public record TrialStarted(String eventId, String studyId, int trialNumber, Instant timestamp,
                           String trainerId, Map<String, Object> params, int attempt) implements TrialEvent {

    public TrialStarted {
        Events.require("eventId", eventId);
        Events.require("studyId", studyId);
        Events.requireTrial(trialNumber);
        Events.require("timestamp", timestamp);
        Events.require("trainerId", trainerId);
        Events.requireAttempt(attempt);
        params = params == null ? Map.of() : params;
    }

    /** The first attempt's start. */
    public TrialStarted(String eventId, String studyId, int trialNumber, Instant timestamp, String trainerId,
                        Map<String, Object> params) {
        this(eventId, studyId, trialNumber, timestamp, trainerId, params, 1);
    }

    @JsonCreator
    static TrialStarted fromJson(@JsonProperty("eventId") String eventId, @JsonProperty("studyId") String studyId,
                                 @JsonProperty("trialNumber") int trialNumber,
                                 @JsonProperty("timestamp") Instant timestamp,
                                 @JsonProperty("trainerId") String trainerId,
                                 @JsonProperty("params") Map<String, Object> params,
                                 @JsonProperty("attempt") Integer attempt) {
        return new TrialStarted(eventId, studyId, trialNumber, timestamp, trainerId, params, Events.attempt(attempt));
    }
}

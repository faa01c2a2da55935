package io.hyperstream.model.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A trial failed; the reason says why (an exception, a NaN value, a time-out, a trial whose
 * trainers stopped on every attempt...).
 *
 * @param attempt the attempt that failed it (see {@link TrialStarted}; 1 when absent in JSON)
 */
public record TrialFailed(String eventId, String studyId, int trialNumber, Instant timestamp,
                          String trainerId, String reason, int attempt) implements TrialEvent {

    public TrialFailed {
        Events.require("eventId", eventId);
        Events.require("studyId", studyId);
        Events.requireTrial(trialNumber);
        Events.require("timestamp", timestamp);
        Events.require("trainerId", trainerId);
        Events.require("reason", reason);
        Events.requireAttempt(attempt);
    }

    /** The failure of a trial's first attempt. */
    public TrialFailed(String eventId, String studyId, int trialNumber, Instant timestamp, String trainerId,
                       String reason) {
        this(eventId, studyId, trialNumber, timestamp, trainerId, reason, 1);
    }

    @JsonCreator
    static TrialFailed fromJson(@JsonProperty("eventId") String eventId, @JsonProperty("studyId") String studyId,
                                @JsonProperty("trialNumber") int trialNumber,
                                @JsonProperty("timestamp") Instant timestamp,
                                @JsonProperty("trainerId") String trainerId, @JsonProperty("reason") String reason,
                                @JsonProperty("attempt") Integer attempt) {
        return new TrialFailed(eventId, studyId, trialNumber, timestamp, trainerId, reason, Events.attempt(attempt));
    }
}

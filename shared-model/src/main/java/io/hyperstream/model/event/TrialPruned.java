package io.hyperstream.model.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A trial stopped early on a prune verdict, after the given epoch, with its last value(s).
 *
 * @param attempt the attempt that was pruned (see {@link TrialStarted}; 1 when absent in JSON)
 */
public record TrialPruned(String eventId, String studyId, int trialNumber, Instant timestamp,
                          String trainerId, int epoch, List<Double> values, int attempt) implements TrialEvent {

    public TrialPruned {
        Events.require("eventId", eventId);
        Events.require("studyId", studyId);
        Events.requireTrial(trialNumber);
        Events.require("timestamp", timestamp);
        Events.require("trainerId", trainerId);
        Events.requireAttempt(attempt);
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** The pruning of a trial's first attempt. */
    public TrialPruned(String eventId, String studyId, int trialNumber, Instant timestamp, String trainerId, int epoch,
                       List<Double> values) {
        this(eventId, studyId, trialNumber, timestamp, trainerId, epoch, values, 1);
    }

    @JsonCreator
    static TrialPruned fromJson(@JsonProperty("eventId") String eventId, @JsonProperty("studyId") String studyId,
                                @JsonProperty("trialNumber") int trialNumber,
                                @JsonProperty("timestamp") Instant timestamp,
                                @JsonProperty("trainerId") String trainerId, @JsonProperty("epoch") int epoch,
                                @JsonProperty("values") List<Double> values, @JsonProperty("attempt") Integer attempt) {
        return new TrialPruned(eventId, studyId, trialNumber, timestamp, trainerId, epoch, values,
                Events.attempt(attempt));
    }
}

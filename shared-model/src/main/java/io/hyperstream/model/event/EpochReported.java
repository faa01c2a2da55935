package io.hyperstream.model.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A trial's intermediate result after an epoch (step = epochs completed, from 1): the objective
 * value(s), one per study direction, and every metric the trainer measured.
 *
 * @param attempt the attempt of the trial this epoch belongs to (see {@link TrialStarted}); a
 *                later attempt reports its epochs from 1 again (1 when absent in JSON)
 */
public record EpochReported(String eventId, String studyId, int trialNumber, Instant timestamp,
                            String trainerId, int epoch, List<Double> values,
                            Map<String, Double> metrics, int attempt) implements TrialEvent {

    public EpochReported {
        Events.require("eventId", eventId);
        Events.require("studyId", studyId);
        Events.requireTrial(trialNumber);
        Events.require("timestamp", timestamp);
        Events.require("trainerId", trainerId);
        Events.require("values", values);
        Events.requireAttempt(attempt);
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be >= 1, but got " + epoch);
        }
        values = List.copyOf(values);
        metrics = metrics == null ? Map.of() : metrics;
    }

    /** An epoch of the trial's first attempt. */
    public EpochReported(String eventId, String studyId, int trialNumber, Instant timestamp, String trainerId,
                         int epoch, List<Double> values, Map<String, Double> metrics) {
        this(eventId, studyId, trialNumber, timestamp, trainerId, epoch, values, metrics, 1);
    }

    @JsonCreator
    static EpochReported fromJson(@JsonProperty("eventId") String eventId, @JsonProperty("studyId") String studyId,
                                  @JsonProperty("trialNumber") int trialNumber,
                                  @JsonProperty("timestamp") Instant timestamp,
                                  @JsonProperty("trainerId") String trainerId, @JsonProperty("epoch") int epoch,
                                  @JsonProperty("values") List<Double> values,
                                  @JsonProperty("metrics") Map<String, Double> metrics,
                                  @JsonProperty("attempt") Integer attempt) {
        return new EpochReported(eventId, studyId, trialNumber, timestamp, trainerId, epoch, values, metrics,
                Events.attempt(attempt));
    }

    /** The first objective value (the only one of a single-objective study). */
    public double value() {
        return values.get(0);
    }
}

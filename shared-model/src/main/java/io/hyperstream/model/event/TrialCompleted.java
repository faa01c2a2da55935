package io.hyperstream.model.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A trial finished all its epochs; its final objective value(s) and metrics.
 *
 * @param attempt the attempt that finished it (see {@link TrialStarted}; 1 when absent in JSON)
 */
public record TrialCompleted(String eventId, String studyId, int trialNumber, Instant timestamp,
                             String trainerId, List<Double> values, Map<String, Double> metrics,
                             int epochs, int attempt) implements TrialEvent {

    public TrialCompleted {
        Events.require("eventId", eventId);
        Events.require("studyId", studyId);
        Events.requireTrial(trialNumber);
        Events.require("timestamp", timestamp);
        Events.require("trainerId", trainerId);
        Events.require("values", values);
        Events.requireAttempt(attempt);
        values = List.copyOf(values);
        metrics = metrics == null ? Map.of() : metrics;
    }

    /** The completion of a trial's first attempt. */
    public TrialCompleted(String eventId, String studyId, int trialNumber, Instant timestamp, String trainerId,
                          List<Double> values, Map<String, Double> metrics, int epochs) {
        this(eventId, studyId, trialNumber, timestamp, trainerId, values, metrics, epochs, 1);
    }

    @JsonCreator
    static TrialCompleted fromJson(@JsonProperty("eventId") String eventId, @JsonProperty("studyId") String studyId,
                                   @JsonProperty("trialNumber") int trialNumber,
                                   @JsonProperty("timestamp") Instant timestamp,
                                   @JsonProperty("trainerId") String trainerId,
                                   @JsonProperty("values") List<Double> values,
                                   @JsonProperty("metrics") Map<String, Double> metrics,
                                   @JsonProperty("epochs") int epochs, @JsonProperty("attempt") Integer attempt) {
        return new TrialCompleted(eventId, studyId, trialNumber, timestamp, trainerId, values, metrics, epochs,
                Events.attempt(attempt));
    }

    /** The first objective value (the only one of a single-objective study). */
    public double value() {
        return values.get(0);
    }
}

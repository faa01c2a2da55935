package io.hyperstream.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One trial record as the event log holds it, read from its JSON tree rather than into the event
 * classes, so that a record the services would refuse is still counted.
 *
 * @param attempt the delivery of the trial it belongs to (1 when the record has none)
 * @param epoch   the epoch of an EpochReported (0 for other events)
 */
public record LoggedEvent(String type, String eventId, String studyId, int trialNumber, Instant timestamp, int attempt,
                          int epoch, String trainerId, String topic, int partition, long offset) {

    /** Whether the event ends its trial: TrialCompleted, TrialPruned or TrialFailed. */
    public boolean isTerminal() {
        return "TrialCompleted".equals(type) || "TrialPruned".equals(type) || "TrialFailed".equals(type);
    }

    /** The trial state the event ends in, or null if it does not end the trial. */
    public String terminalState() {
        if ("TrialCompleted".equals(type)) {
            return "COMPLETE";
        }
        if ("TrialPruned".equals(type)) {
            return "PRUNED";
        }
        return "TrialFailed".equals(type) ? "FAIL" : null;
    }

    /** The event in a record, or null if the record is not a trial record of a study. */
    static LoggedEvent of(JsonNode json, String topic, int partition, long offset) {
        if (json == null || !json.isObject() || !json.path("studyId").isTextual() || !json.path("trialNumber").isInt()) {
            return null;
        }
        Instant timestamp = null;
        try {
            timestamp = json.hasNonNull("timestamp") ? Instant.parse(json.get("timestamp").asText()) : null;
        } catch (DateTimeParseException e) {
            // counted all the same; the timestamp is only used to time recovery
        }
        return new LoggedEvent(json.path("type").asText(""), json.path("eventId").asText(""),
                json.get("studyId").asText(), json.get("trialNumber").asInt(), timestamp,
                json.path("attempt").asInt(1), json.path("epoch").asInt(0), json.path("trainerId").asText(null), topic, partition, offset);
    }
}

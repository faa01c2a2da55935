package io.hyperstream.model.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A submission was refused; the reason names the field and the bad value.
 *
 * @param duplicate true when the submission reused the id of a study submitted before: the
 *                  rejection is about that submission only and leaves the study as it is
 *                  (written only when true)
 */
public record StudyRejected(String eventId, String studyId, Instant timestamp, String reason,
                            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean duplicate)
        implements StudyEvent {

    public StudyRejected {
        Events.require("eventId", eventId);
        Events.require("studyId", studyId);
        Events.require("timestamp", timestamp);
        Events.require("reason", reason);
    }

    /** The rejection of a study's own (first) submission. */
    public StudyRejected(String eventId, String studyId, Instant timestamp, String reason) {
        this(eventId, studyId, timestamp, reason, false);
    }

    @JsonCreator
    static StudyRejected fromJson(@JsonProperty("eventId") String eventId, @JsonProperty("studyId") String studyId,
                                  @JsonProperty("timestamp") Instant timestamp, @JsonProperty("reason") String reason,
                                  @JsonProperty("duplicate") Boolean duplicate) {
        // Absent in rejections written before duplicates were flagged.
        return new StudyRejected(eventId, studyId, timestamp, reason, Boolean.TRUE.equals(duplicate));
    }
}

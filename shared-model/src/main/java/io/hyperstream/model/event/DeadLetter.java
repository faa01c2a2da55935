package io.hyperstream.model.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * A message no service could read, kept on the dead-letter topic with where it came from and
 * why it was refused. {@code studyId} is the record key where there was one.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes(@JsonSubTypes.Type(value = DeadLetter.class, name = "DeadLetter"))
public record DeadLetter(String eventId, String studyId, Instant timestamp, String service,
                         String sourceTopic, int partition, long offset, String payload,
                         String error) implements Event {

    public DeadLetter {
        Events.require("eventId", eventId);
        Events.require("timestamp", timestamp);
        Events.require("error", error);
    }
}

package io.hyperstream.model.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/** What every event carries: a unique id, the study it belongs to and when it happened. */
public interface Event {

    String eventId();

    String studyId();

    Instant timestamp();

    /** The event's type name as written in its JSON {@code type} field. */
    @JsonIgnore
    default String type() {
        return getClass().getSimpleName();
    }
}

package io.hyperstream.model.event;

import java.time.Instant;
import java.util.UUID;

/** Helpers to stamp new events. */
public final class Events {

    private Events() {
    }

    /** A fresh random event id. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** The current time, truncated to milliseconds as written in JSON. */
    public static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }

    static void require(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    static void requireAttempt(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, but got " + attempt);
        }
    }

    /** A trial event's attempt as read from JSON: absent in events written before attempts were counted. */
    static int attempt(Integer attempt) {
        return attempt == null ? 1 : attempt;
    }

    static void requireTrial(int trialNumber) {
        if (trialNumber < 0) {
            throw new IllegalArgumentException("trialNumber must be >= 0, but got " + trialNumber);
        }
    }
}

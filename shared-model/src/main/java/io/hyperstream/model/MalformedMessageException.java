package io.hyperstream.model;

/** A message or spec that cannot be read; the message names the field and what was wrong. */
public class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}

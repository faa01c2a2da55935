package io.hyperstream.trainer.service;

/** An event could not be stored on the broker; the trial it belongs to must be run again later. */
public class PublishException extends RuntimeException {

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}

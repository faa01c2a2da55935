package io.hyperstream.trainer.service;

import io.hyperstream.model.event.TrialEvent;

/** Publishes a trainer's trial events and returns once the broker has stored them. */
public interface TrialEventPublisher {

    /**
     * Publishes the event and waits for the broker's acknowledgement.
     *
     * @throws PublishException if it was not stored
     */
    void publish(TrialEvent event);
}

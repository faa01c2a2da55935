package io.hyperstream.pruner.messaging;

import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.PruneVerdict;

/** Where the readers publish verdicts and dead letters; each call returns once the broker has the message. */
public interface Outbox {

    /** Publishes a verdict under its study id. */
    void publish(PruneVerdict verdict);

    /** Publishes a dead letter under the original record's key. */
    void publish(DeadLetter deadLetter, String key);
}

package io.hyperstream.pruner.messaging;

import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.PruneVerdict;
import java.util.concurrent.CompletableFuture;

/** Where the readers publish verdicts and dead letters. */
public interface Outbox {

    /**
     * Sends a verdict under its study id without waiting: the future completes once the broker
     * has it, or exceptionally if it could not be published within the send timeout.
     */
    CompletableFuture<Void> send(PruneVerdict verdict);

    /** Publishes a dead letter under the original record's key; returns once the broker has it. */
    void publish(DeadLetter deadLetter, String key);
}

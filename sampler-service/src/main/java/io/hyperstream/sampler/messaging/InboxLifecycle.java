package io.hyperstream.sampler.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Starts the inbox once the topics exist (they are created at an earlier start-up priority) and stops it on shutdown. */
@ApplicationScoped
public class InboxLifecycle {

    private final StudyInbox inbox;

    public InboxLifecycle(StudyInbox inbox) {
        this.inbox = inbox;
    }

    void onStart(@Observes StartupEvent event) {
        inbox.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        inbox.stop();
    }
}

package io.hyperstream.sampler.messaging;

import io.hyperstream.model.Json;
import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.sampler.service.StudyScheduler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Reads the trainers' trial events; unreadable ones go to the dead-letter topic. */
@ApplicationScoped
public class TrialEventConsumer {

    private static final Logger LOG = Logger.getLogger(TrialEventConsumer.class);

    private final StudyScheduler scheduler;
    private final DeadLetters deadLetters;

    public TrialEventConsumer(StudyScheduler scheduler, DeadLetters deadLetters) {
        this.scheduler = scheduler;
        this.deadLetters = deadLetters;
    }

    @Incoming(Channels.TRIAL_EVENTS)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        TrialEvent event;
        try {
            if (record.value() == null || record.value().isBlank()) {
                throw new MalformedMessageException("the message is empty", null);
            }
            event = Json.read(record.value(), TrialEvent.class);
        } catch (MalformedMessageException e) {
            deadLetters.send(record, e.getMessage());
            return;
        }
        try {
            scheduler.onTrialEvent(event);
        } catch (RuntimeException e) {
            // One study's failure must not stop the channel for every other study.
            LOG.errorf(e, "study %s trial %d: could not process %s", event.studyId(), event.trialNumber(), event.type());
            deadLetters.send(record, "sampler-service could not process this trial event: " + e.getMessage());
        }
    }
}

package io.hyperstream.sampler.messaging;

import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.sampler.service.CommandReader;
import io.hyperstream.sampler.service.IncomingCommand;
import io.hyperstream.sampler.service.StudyScheduler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Reads study commands; unreadable ones go to the dead-letter topic. */
@ApplicationScoped
public class StudyCommandConsumer {

    private static final Logger LOG = Logger.getLogger(StudyCommandConsumer.class);

    private final StudyScheduler scheduler;
    private final DeadLetters deadLetters;

    public StudyCommandConsumer(StudyScheduler scheduler, DeadLetters deadLetters) {
        this.scheduler = scheduler;
        this.deadLetters = deadLetters;
    }

    @Incoming(Channels.STUDY_COMMANDS)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        IncomingCommand command;
        try {
            command = CommandReader.read(record.value());
        } catch (MalformedMessageException e) {
            deadLetters.send(record, e.getMessage());
            return;
        }
        try {
            scheduler.handle(command);
        } catch (RuntimeException e) {
            // One study's failure must not stop the channel for every other study.
            LOG.errorf(e, "study %s: could not process %s", command.studyId(), command.eventId());
            deadLetters.send(record, "sampler-service could not process this command: " + e.getMessage());
        }
    }
}

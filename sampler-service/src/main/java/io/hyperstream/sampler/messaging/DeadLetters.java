package io.hyperstream.sampler.messaging;

import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.Events;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/** Sends records this service cannot read, or could not process, to the dead-letter topic with the reason. */
@Singleton
public class DeadLetters {

    /** The service name written into dead letters. */
    public static final String SERVICE = "sampler-service";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final KafkaEventPublisher publisher;

    public DeadLetters(KafkaEventPublisher publisher) {
        this.publisher = publisher;
    }

    /** Publishes the record as a dead letter; throws if that fails too. */
    public void send(ConsumerRecord<String, String> record, String error) {
        LOG.warnf("dead-lettering %s-%d@%d (key %s): %s",
                record.topic(), record.partition(), record.offset(), record.key(), error);
        publisher.publish(new DeadLetter(Events.newId(), record.key(), Events.now(), SERVICE, record.topic(),
                record.partition(), record.offset(), record.value(), error), record.key());
    }
}

package io.hyperstream.trainer.messaging;

import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.Event;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.kafka.JsonSerializer;
import io.hyperstream.service.TopicsConfig;
import io.hyperstream.trainer.service.PublishException;
import io.hyperstream.trainer.service.TrialEventPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes trial events (key: studyId) and dead letters with a plain Kafka producer, waiting for
 * each acknowledgement: a trial's offset is committed only after its terminal event is stored.
 */
@Singleton
public class KafkaEventPublisher implements TrialEventPublisher {

    private static final long SEND_TIMEOUT_SECONDS = 60;

    private final Producer<String, Object> producer;
    private final TopicsConfig topics;

    public KafkaEventPublisher(KafkaClients clients, TopicsConfig topics) {
        this.topics = topics;
        this.producer = new KafkaProducer<>(clients.producer(), new StringSerializer(), new JsonSerializer());
    }

    @Override
    public void publish(TrialEvent event) {
        send(topics.trialEvents(), event.studyId(), event);
    }

    /** Publishes a dead letter under the original record's key. */
    public void publish(DeadLetter deadLetter, String key) {
        send(topics.deadLetters(), key, deadLetter);
    }

    private void send(String topic, String key, Event event) {
        try {
            producer.send(new ProducerRecord<>(topic, key, event)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException(describe(topic, event) + " was interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new PublishException(describe(topic, event) + " failed: " + cause, cause);
        } catch (KafkaException e) {
            // Thrown by send() itself: serialization, a closed producer, metadata not available in time.
            throw new PublishException(describe(topic, event) + " failed: " + e, e);
        }
    }

    private static String describe(String topic, Event event) {
        return "publishing " + event.type() + " of study " + event.studyId() + " to " + topic;
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}

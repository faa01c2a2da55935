package io.hyperstream.sampler.messaging;

import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.Event;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.kafka.JsonSerializer;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.service.TopicsConfig;
import io.hyperstream.sampler.service.EventPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes the sampler's events with a plain Kafka producer and waits for each acknowledgement,
 * so that a study's StudyAccepted is stored before its first TrialScheduled is sent.
 */
@Singleton
public class KafkaEventPublisher implements EventPublisher {

    private static final long SEND_TIMEOUT_SECONDS = 60;

    private final Producer<String, Object> producer;
    private final TopicNames topics;

    @Inject
    public KafkaEventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                               TopicsConfig topics) {
        this(bootstrapServers, topics.names());
    }

    public KafkaEventPublisher(String bootstrapServers, TopicNames topics) {
        this.topics = topics;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "sampler-service",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // Each send is awaited, so batching would only add latency (Kafka 4 lingers 5 ms by default).
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000),
                new StringSerializer(), new JsonSerializer());
    }

    @Override
    public void publish(StudyEvent event) {
        send(topics.studyEvents(), event.studyId(), event);
    }

    @Override
    public void publish(TrialScheduled trial) {
        send(topics.trials(), trial.studyId() + "/" + trial.trialNumber(), trial);
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
            throw new IllegalStateException(describe(topic, event) + " was interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException(describe(topic, event) + " failed: " + cause, cause);
        }
    }

    private static String describe(String topic, Event event) {
        return "publishing " + event.type() + " of study " + event.studyId() + " to " + topic;
    }

    /** Closes the producer. */
    @PreDestroy
    public void close() {
        producer.close();
    }
}

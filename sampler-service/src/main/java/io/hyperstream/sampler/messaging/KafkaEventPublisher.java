package io.hyperstream.sampler.messaging;

import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.Event;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.kafka.JsonSerializer;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.service.TopicsConfig;
import io.hyperstream.service.kafka.KafkaClientProperties;
import io.hyperstream.sampler.service.EventPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

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
    public KafkaEventPublisher(KafkaClientProperties kafka, TopicsConfig topics) {
        this(kafka.common(), topics.names());
    }

    public KafkaEventPublisher(String bootstrapServers, TopicNames topics) {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topics);
    }

    /**
     * @param clientSettings every Kafka setting of the service (bootstrap servers, security...)
     */
    public KafkaEventPublisher(Map<String, Object> clientSettings, TopicNames topics) {
        this.topics = topics;
        Map<String, Object> config = new HashMap<>(clientSettings);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "sampler-service");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Each send is awaited, so batching would only add latency (Kafka 4 lingers 5 ms by default).
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new JsonSerializer());
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

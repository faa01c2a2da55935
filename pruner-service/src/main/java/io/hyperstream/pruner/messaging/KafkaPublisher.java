package io.hyperstream.pruner.messaging;

import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.Event;
import io.hyperstream.model.event.PruneVerdict;
import io.hyperstream.model.kafka.JsonSerializer;
import io.hyperstream.pruner.config.TopicsConfig;
import jakarta.annotation.PreDestroy;
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

/** Publishes verdicts (key: studyId) and dead letters with a plain producer, waiting for each acknowledgement. */
@Singleton
public class KafkaPublisher {

    private static final long SEND_TIMEOUT_SECONDS = 60;

    private final Producer<String, Object> producer;
    private final TopicsConfig topics;

    public KafkaPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, TopicsConfig topics) {
        this.topics = topics;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "pruner-service",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // A trainer waits for each verdict: send at once rather than batch.
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000),
                new StringSerializer(), new JsonSerializer());
    }

    public void publish(PruneVerdict verdict) {
        send(topics.pruneVerdicts(), verdict.studyId(), verdict);
    }

    public void publish(DeadLetter deadLetter, String key) {
        send(topics.deadLetters(), key, deadLetter);
    }

    private void send(String topic, String key, Event event) {
        try {
            producer.send(new ProducerRecord<>(topic, key, event)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("publishing " + event.type() + " to " + topic + " was interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("publishing " + event.type() + " of study " + event.studyId()
                    + " to " + topic + " failed: " + cause, cause);
        }
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}

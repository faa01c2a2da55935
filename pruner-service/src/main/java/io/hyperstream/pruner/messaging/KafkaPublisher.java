package io.hyperstream.pruner.messaging;

import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.Event;
import io.hyperstream.model.event.PruneVerdict;
import io.hyperstream.model.kafka.JsonSerializer;
import io.hyperstream.pruner.config.PrunerConfig;
import io.hyperstream.service.TopicsConfig;
import io.hyperstream.service.kafka.KafkaClientProperties;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes verdicts (key: studyId) and dead letters (key: the original record's) with a plain
 * idempotent producer (acks=all, so a verdict acknowledged is on the broker). Verdicts are sent
 * without waiting, so that those of one poll travel together; the reader awaits them before it
 * marks their reports answered.
 */
@Singleton
public class KafkaPublisher implements Outbox, AutoCloseable {

    private final Producer<String, Object> producer;
    private final String verdictTopic;
    private final String deadLetterTopic;
    private final Duration sendTimeout;

    @Inject
    public KafkaPublisher(KafkaClientProperties kafka, TopicsConfig topics, PrunerConfig config) {
        this(kafka, config.clientId(), config.sendTimeout(), topics.pruneVerdicts(), topics.deadLetters());
    }

    public KafkaPublisher(KafkaClientProperties kafka, String clientId, Duration sendTimeout, String verdictTopic,
                          String deadLetterTopic) {
        if (sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalArgumentException("hyperstream.pruner.send-timeout must be positive, but got " + sendTimeout);
        }
        this.verdictTopic = verdictTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.sendTimeout = sendTimeout;
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, sendTimeout.toMillis());
        // Every kafka.* setting (security included), then what this producer needs.
        Map<String, Object> settings = kafka.common();
        settings.putAll(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // A trainer waits for each verdict: send at once rather than batch.
                ProducerConfig.LINGER_MS_CONFIG, 0,
                // delivery.timeout.ms must be at least request.timeout.ms (+ linger.ms).
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 30_000),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs));
        this.producer = new KafkaProducer<>(settings, new StringSerializer(), new JsonSerializer());
    }

    @Override
    public CompletableFuture<Void> send(PruneVerdict verdict) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(verdictTopic, verdict.studyId(), verdict), (metadata, error) -> {
                if (error == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(new IllegalStateException("publishing PruneVerdict of study "
                            + verdict.studyId() + " to " + verdictTopic + " failed: " + error, error));
                }
            });
        } catch (RuntimeException e) {
            // Raised before the record is queued: no buffer space within max.block.ms, or it cannot be serialized.
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    @Override
    public void publish(DeadLetter deadLetter, String key) {
        publishAndWait(deadLetterTopic, key, deadLetter);
    }

    private void publishAndWait(String topic, String key, Event event) {
        try {
            producer.send(new ProducerRecord<>(topic, key, event)).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("publishing " + event.type() + " to " + topic + " was interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("publishing " + event.type() + " of study " + event.studyId()
                    + " to " + topic + " failed within " + sendTimeout + ": " + cause, cause);
        }
    }

    @PreDestroy
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

package io.hyperstream.service.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Publishes the metrics of the long-lived Kafka consumers a service builds in code (records lag,
 * fetch rate, commit latency... as {@code kafka_consumer_*}) through Micrometer's
 * {@link KafkaClientMetrics} binder. SmallRye's channels are bound by Quarkus itself.
 */
@Singleton
public class KafkaClientMeters {

    private final MeterRegistry registry;
    private final List<KafkaClientMetrics> bound = new ArrayList<>();

    public KafkaClientMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Publishes the consumer's metrics until the returned handle is closed (close it with the consumer). */
    public synchronized AutoCloseable bind(Consumer<?, ?> consumer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(consumer);
        metrics.bindTo(registry);
        bound.add(metrics);
        return () -> unbind(metrics);
    }

    private synchronized void unbind(KafkaClientMetrics metrics) {
        if (bound.remove(metrics)) {
            metrics.close();
        }
    }

    @PreDestroy
    synchronized void close() {
        bound.forEach(KafkaClientMetrics::close);
        bound.clear();
    }
}

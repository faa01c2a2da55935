package io.hyperstream.cli.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hyperstream.model.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the trial-events topic from its end at creation: to act at a given moment of a study. */
final class TrialEventFollower implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;

    TrialEventFollower(String bootstrapServers, String topic) {
        Map<String, Object> config = ChaosClients.config(bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "hpo-chaos-follower");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: fix the positions now, before the study starts.
        partitions.forEach(consumer::position);
    }

    /** The first trial event from now on that matches, or empty if none comes within {@code timeout}. */
    Optional<LoggedEvent> await(Predicate<LoggedEvent> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                if (record.value() == null) {
                    continue;
                }
                try {
                    LoggedEvent event = LoggedEvent.of(Json.mapper().readTree(record.value()), record.topic(),
                            record.partition(), record.offset());
                    if (event != null && wanted.test(event)) {
                        return Optional.of(event);
                    }
                } catch (JsonProcessingException e) {
                    // poison of another scenario: not a trial event
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}

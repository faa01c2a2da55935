package io.hyperstream.cli.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.model.Json;
import io.hyperstream.model.kafka.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the trials and trial-events topics from their beginning to their current end: the event
 * log a recount starts from. Records that are not JSON trial records (poison sent on purpose)
 * are skipped.
 */
public final class EventLog {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private EventLog() {
    }

    /** Every trial record of the given studies in the trials and trial-events topics, in partition order. */
    public static List<LoggedEvent> read(String bootstrapServers, TopicNames topics, Set<String> studyIds) {
        Map<String, Object> config = ChaosClients.config(bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "hpo-chaos-recount");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<LoggedEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(topics.trials(), topics.trialEvents())) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the event log to its end within "
                            + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    LoggedEvent event = parse(record);
                    if (event != null && studyIds.contains(event.studyId())) {
                        events.add(event);
                    }
                }
            }
        }
        return events;
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static LoggedEvent parse(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            JsonNode json = Json.mapper().readTree(record.value());
            return LoggedEvent.of(json, record.topic(), record.partition(), record.offset());
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}

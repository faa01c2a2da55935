package io.hyperstream.sampler.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.model.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic from the beginning with a plain consumer and keeps every record. */
final class TopicTail implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

    TopicTail(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls once more, then returns the records so far whose JSON value matches. */
    List<ConsumerRecord<String, String>> records(Predicate<JsonNode> filter) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.stream().filter(r -> filter.test(json(r.value()))).toList();
    }

    /** The JSON values of the records of one study so far. */
    List<JsonNode> study(String studyId) {
        return records(j -> studyId.equals(j.path("studyId").asText(null))).stream().map(r -> json(r.value())).toList();
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            // Other tests' records are JSON; anything else simply matches no filter.
            return Json.mapper().createObjectNode();
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}

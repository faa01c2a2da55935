package io.hyperstream.results;

import io.hyperstream.model.Json;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.testsupport.TestInfrastructure;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes events (or any text) to the test broker's topics and waits for each acknowledgement. */
public final class TopicWriter implements AutoCloseable {

    public static final TopicNames TOPICS = TopicNames.defaults();

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.LINGER_MS_CONFIG, 0),
            new StringSerializer(), new StringSerializer());

    /** Publishes an event as its JSON. */
    public void send(String topic, String key, Object event) {
        sendText(topic, key, Json.write(event));
    }

    /** Publishes any text, such as a malformed message. */
    public void sendText(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic + ": " + e, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}

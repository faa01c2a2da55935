package io.hyperstream.results.messaging;

import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.kafka.JsonSerializer;
import io.hyperstream.service.TopicsConfig;
import io.hyperstream.service.kafka.KafkaClientProperties;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes the dead letters this service writes to the dead-letter topic, so that operators
 * watching the topic see them too. The copy in MongoDB is written first and is the one that
 * counts: a failed publication is logged, not retried.
 */
@Singleton
public class DeadLetterPublisher {

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private final Producer<String, Object> producer;
    private final TopicsConfig topics;

    public DeadLetterPublisher(KafkaClientProperties kafka, TopicsConfig topics) {
        this.topics = topics;
        // Every kafka.* setting (security included), then what this producer needs.
        Map<String, Object> settings = kafka.common();
        settings.putAll(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "results-service-dead-letters",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000));
        this.producer = new KafkaProducer<>(settings, new StringSerializer(), new JsonSerializer());
    }

    /** Sends a dead letter under the original record's key, without waiting for the broker. */
    public void publish(DeadLetter letter, String key) {
        try {
            producer.send(new ProducerRecord<>(topics.deadLetters(), key, letter), (metadata, error) -> {
                if (error != null) {
                    LOG.errorf("dead letter %s is stored but could not be published to %s: %s",
                            letter.eventId(), topics.deadLetters(), error.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.errorf("dead letter %s is stored but could not be published to %s: %s",
                    letter.eventId(), topics.deadLetters(), e.toString());
        }
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}

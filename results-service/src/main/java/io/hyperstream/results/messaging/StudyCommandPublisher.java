package io.hyperstream.results.messaging;

import io.hyperstream.model.event.StudyCommand;
import io.hyperstream.model.kafka.JsonSerializer;
import io.hyperstream.service.TopicsConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
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
 * Publishes the study commands the REST API takes (a submission, a stop request) to the
 * study-commands topic exactly as {@code hpo submit} does: the command's JSON, key studyId,
 * Kafka's default partitioner, acknowledged by all replicas.
 */
@Singleton
public class StudyCommandPublisher {

    /** How long a request waits for the broker to take its command. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

    private final Producer<String, Object> producer;
    private final TopicsConfig topics;

    public StudyCommandPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                                 TopicsConfig topics) {
        this.topics = topics;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "results-service-commands",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() / 2,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis()),
                new StringSerializer(), new JsonSerializer());
    }

    /**
     * Publishes a command and waits until the broker has stored it.
     *
     * @throws CommandNotPublishedException when the broker does not take it in time
     */
    public void publish(StudyCommand command) {
        try {
            producer.send(new ProducerRecord<>(topics.studyCommands(), command.studyId(), command))
                    .get(SEND_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new CommandNotPublishedException("Kafka did not take the " + command.type() + " of study '"
                    + command.studyId() + "' on " + topics.studyCommands() + ": " + cause.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandNotPublishedException("interrupted while publishing to " + topics.studyCommands(), e);
        }
    }

    /** The topic commands go to. */
    public String topic() {
        return topics.studyCommands();
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** A command the broker did not take; nothing was published. */
    public static class CommandNotPublishedException extends RuntimeException {
        public CommandNotPublishedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

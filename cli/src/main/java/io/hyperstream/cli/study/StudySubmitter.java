package io.hyperstream.cli.study;

import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import io.hyperstream.model.event.StudySubmitted;
import io.hyperstream.model.kafka.JsonSerializer;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.spec.StudySpec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes a {@code StudySubmitted} command (key: the study id) to the study-commands topic. */
public final class StudySubmitter {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private StudySubmitter() {
    }

    /** Publishes the study and waits until the broker has stored it. */
    public static StudySubmitted submit(String bootstrapServers, TopicNames topics, String studyId, StudySpec spec) {
        Map<String, Object> config = Broker.clientConfig(bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000L);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        StudySubmitted command = StudySubmitted.of(studyId, spec);
        try (KafkaProducer<String, Object> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new JsonSerializer())) {
            producer.send(new ProducerRecord<>(topics.studyCommands(), studyId, command))
                    .get(SEND_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            return command;
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot publish study " + studyId + " to "
                    + topics.studyCommands() + " on " + bootstrapServers + ": " + Broker.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "interrupted while publishing study " + studyId, e);
        }
    }
}

package io.hyperstream.pruner.messaging;

import io.hyperstream.service.kafka.KafkaClientProperties;

import io.hyperstream.model.kafka.TopicNames;
import java.time.Duration;

/**
 * How the pruner's readers connect.
 *
 * @param kafka            every kafka.* client setting (the broker, security), for each reader to add its own to
 * @param topics           the topic names
 * @param group            the consumer group of the trial-events reader (its committed offsets
 *                         mark the reports already answered)
 * @param clientId         prefix of the Kafka client ids
 * @param serviceName      the {@code service} of the dead letters
 * @param pollTimeout      the longest one poll waits for records
 */
public record ReaderSettings(KafkaClientProperties kafka, TopicNames topics, String group, String clientId,
                             String serviceName, Duration pollTimeout) {
}

package io.hyperstream.trainer.messaging;

import io.hyperstream.trainer.config.TrainerConfig;
import io.hyperstream.trainer.config.TrainerIdentity;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The settings of the trainer's Kafka clients: every {@code kafka.*} property of the application
 * (bootstrap servers, security...) plus what each client needs.
 */
@Singleton
public class KafkaClients {

    /** Consumer settings a share consumer refuses to be given. */
    private static final List<String> SHARE_UNSUPPORTED = List.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
            ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, ConsumerConfig.GROUP_PROTOCOL_CONFIG,
            ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG);

    private final Map<String, Object> common;
    private final TrainerConfig config;
    private final String trainerId;

    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> kafka, TrainerConfig config,
                        TrainerIdentity identity) {
        this.common = new HashMap<>(kafka);
        // Quarkus fills in the application name as a group; each client here chooses its own.
        this.common.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.config = config;
        this.trainerId = identity.id();
    }

    /** The broker(s) to connect to. */
    public String bootstrapServers() {
        Object servers = common.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (servers == null) {
            throw new IllegalStateException("kafka.bootstrap.servers is not set");
        }
        return servers.toString();
    }

    /** The producer of trial events and dead letters: every send acknowledged by all replicas, no duplicates. */
    Map<String, Object> producer() {
        Map<String, Object> props = new HashMap<>(common);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, trainerId + "-events");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Every send is awaited, so batching would only add latency.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return props;
    }

    /**
     * The work-queue consumer of the trials topic, a member of the trainers' share group: records
     * are acknowledged one by one (explicit mode), and a fetch acquires at most one record
     * ({@code record_limit}), so that a busy trainer never holds trials another could run.
     * Settings a share consumer refuses (they belong to consumer groups) are left out.
     */
    Map<String, Object> trialConsumer() {
        Map<String, Object> props = new HashMap<>(common);
        SHARE_UNSUPPORTED.forEach(props::remove);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.group());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, trainerId + "-trials");
        props.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
        props.put(ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        return props;
    }

    /** An admin client, to set the share group's configuration. */
    Map<String, Object> admin() {
        Map<String, Object> props = new HashMap<>(common);
        props.keySet().retainAll(AdminClientConfig.configNames());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, trainerId + "-admin");
        return props;
    }

    /** The verdicts reader: no group (it is assigned every partition), nothing committed. */
    Map<String, Object> verdictConsumer() {
        Map<String, Object> props = new HashMap<>(common);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, trainerId + "-verdicts");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return props;
    }
}

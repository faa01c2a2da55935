package io.hyperstream.local;

import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.kafka.TopicSetup;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one) running in this
 * JVM on the loopback interface, with share groups (the trainers' work queue) set up for one node.
 * Topic auto-creation is off: Hyperstream creates its topics up front with {@link #createTopics}.
 */
public final class LocalKafka implements AutoCloseable {

    private static final String CLUSTER_ID = "hyperstream-local-0001";

    private final EmbeddedKafkaBroker broker;

    private LocalKafka(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    /**
     * Starts a broker on 127.0.0.1.
     *
     * @param port   the client port, 0 for a free one
     * @param logDir where the broker keeps its data, null for a temporary folder deleted on close
     */
    public static LocalKafka start(int port, Path logDir) {
        int kafkaPort = port == 0 ? Ports.free() : port;
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withNodeId(0)
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(kafkaPort)
                .withControllerPort(Ports.free())
                .withClusterId(CLUSTER_ID)
                .withDeleteLogDirsOnClose(logDir == null)
                .withAdditionalProperties(props -> configure(props, logDir));
        broker.start();
        return new LocalKafka(broker);
    }

    private static void configure(Properties props, Path logDir) {
        if (logDir != null) {
            props.put("log.dirs", logDir.toAbsolutePath().toString());
        }
        props.put("auto.create.topics.enable", "false");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("offsets.topic.num.partitions", "3");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("num.partitions", String.valueOf(TopicSetup.OTHER_PARTITIONS));
        props.put("message.max.bytes", String.valueOf(2 * 1024 * 1024));
        shareGroups(props);
    }

    /**
     * Share groups (KIP-932) are the trainers' work queue: the share coordinator's state topic
     * on one node, heartbeats every 500 ms (with the default 5 s a new trainer waited about 5 s
     * for its first trial), and record locks as short as 1 s allowed, so that tests can give
     * trials short leases (trainers set their group's lock duration, default 15 s).
     */
    private static void shareGroups(Properties props) {
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("share.coordinator.state.topic.num.partitions", "3");
        props.put("group.share.heartbeat.interval.ms", "500");
        props.put("group.share.min.heartbeat.interval.ms", "500");
        props.put("group.share.min.record.lock.duration.ms", "1000");
    }

    /** The bootstrap address clients connect to, such as {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return broker.getAdvertisedListeners().replaceAll("^[A-Z_]+://", "");
    }

    /** Creates Hyperstream's topics (and waits until they accept records). */
    public void createTopics(TopicNames names) {
        createTopics(bootstrapServers(), names);
    }

    /** Creates Hyperstream's topics on any broker. */
    public static void createTopics(String bootstrapServers, TopicNames names) {
        TopicSetup.ensureTopics(bootstrapServers, names, (short) 1);
    }

    @Override
    public void close() {
        broker.close();
    }
}

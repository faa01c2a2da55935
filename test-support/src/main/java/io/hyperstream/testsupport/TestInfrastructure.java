package io.hyperstream.testsupport;

import io.hyperstream.local.LocalKafka;
import io.hyperstream.local.LocalMongo;
import io.hyperstream.model.kafka.TopicNames;
import java.util.Locale;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The Kafka broker and MongoDB store a test JVM shares. The system property
 * {@code hyperstream.test.infra} chooses: {@code containers} (Testcontainers' real Kafka and
 * MongoDB), {@code embedded} (a real KRaft broker in this JVM and mongo-java-server), or
 * {@code auto} (the default: containers where Docker answers, embedded elsewhere).
 * Started once per JVM and stopped at exit; Hyperstream's topics are created up front.
 */
public final class TestInfrastructure {

    public static final String MODE_PROPERTY = "hyperstream.test.infra";
    /** The Kafka version of the client library on the class path (the root pom pins it), used for the broker image. */
    private static final String KAFKA_VERSION = org.apache.kafka.common.utils.AppInfoParser.getVersion();

    private static TestInfrastructure shared;

    private final String bootstrapServers;
    private final String mongoConnectionString;
    private final String mode;

    private TestInfrastructure(String mode, String bootstrapServers, String mongoConnectionString) {
        this.mode = mode;
        this.bootstrapServers = bootstrapServers;
        this.mongoConnectionString = mongoConnectionString;
    }

    /** The infrastructure of this JVM, started on first use. */
    public static synchronized TestInfrastructure shared() {
        if (shared == null) {
            shared = start(chooseMode());
            LocalKafka.createTopics(shared.bootstrapServers, TopicNames.defaults());
        }
        return shared;
    }

    private static String chooseMode() {
        String mode = System.getProperty(MODE_PROPERTY, "auto").toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "embedded", "containers" -> mode;
            case "auto" -> dockerAvailable() ? "containers" : "embedded";
            default -> throw new IllegalArgumentException(
                    MODE_PROPERTY + " must be auto, embedded or containers, but got '" + mode + "'");
        };
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static TestInfrastructure start(String mode) {
        if (mode.equals("containers")) {
            // The broker version the build pins (share groups, the trainers' work queue, need 4.2 or later),
            // set up for share groups on one node as LocalKafka is.
            KafkaContainer kafka = new KafkaContainer("apache/kafka:" + KAFKA_VERSION)
                    .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                    .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                    .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                    .withEnv("KAFKA_GROUP_SHARE_HEARTBEAT_INTERVAL_MS", "500")
                    .withEnv("KAFKA_GROUP_SHARE_MIN_HEARTBEAT_INTERVAL_MS", "500")
                    .withEnv("KAFKA_GROUP_SHARE_MIN_RECORD_LOCK_DURATION_MS", "1000");
            MongoDBContainer mongo = new MongoDBContainer("mongo:7.0");
            kafka.start();
            mongo.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.stop();
                mongo.stop();
            }));
            return new TestInfrastructure(mode, kafka.getBootstrapServers(), mongo.getConnectionString());
        }
        LocalKafka kafka = LocalKafka.start(0, null);
        LocalMongo mongo = LocalMongo.start(0, null);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.close();
            kafka.close();
        }));
        return new TestInfrastructure(mode, kafka.bootstrapServers(), mongo.connectionString());
    }

    /** {@code containers} or {@code embedded}. */
    public String mode() {
        return mode;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String mongoConnectionString() {
        return mongoConnectionString;
    }
}

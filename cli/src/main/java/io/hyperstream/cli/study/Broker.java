package io.hyperstream.cli.study;

import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import io.hyperstream.local.LocalKafka;
import io.hyperstream.model.kafka.TopicNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/** Talks to a Kafka broker hpo did not start: checks it answers, creates missing topics. */
public final class Broker {

    /** How long hpo waits for a broker to answer before it gives up. */
    public static final Duration REACH_TIMEOUT = Duration.ofSeconds(10);

    private Broker() {
    }

    /** Client settings that make an unreachable broker fail fast instead of retrying for minutes. */
    static Map<String, Object> clientConfig(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REACH_TIMEOUT.toMillis());
        config.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 2_000L);
        config.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 5_000L);
        config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000L);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "hpo");
        return config;
    }

    /** Fails with a clear message unless a broker at that address answers within {@link #REACH_TIMEOUT}. */
    public static void checkReachable(String bootstrapServers) {
        Admin admin;
        try {
            admin = Admin.create(clientConfig(bootstrapServers));
        } catch (KafkaException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot reach the Kafka broker at " + bootstrapServers
                    + ": " + rootMessage(e), e);
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) REACH_TIMEOUT.toMillis()))
                    .nodes().get(REACH_TIMEOUT.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot reach the Kafka broker at " + bootstrapServers
                    + " within " + REACH_TIMEOUT.toSeconds() + " s (" + rootMessage(e)
                    + "); is it running? ./hpo local starts one", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "interrupted while connecting to " + bootstrapServers, e);
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
    }

    /** Creates Hyperstream's topics where missing (as the services do at start-up). */
    public static void ensureTopics(String bootstrapServers, TopicNames topics) {
        try {
            LocalKafka.createTopics(bootstrapServers, topics);
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot create Hyperstream's topics on " + bootstrapServers
                    + ": " + rootMessage(e), e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}

package io.hyperstream.service.health;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;

/**
 * Asks the Kafka cluster to describe itself, within a time limit, with one admin client kept
 * for the purpose: whether the broker can be reached with the service's settings (address,
 * security), and if not, why.
 */
public final class BrokerProbe implements AutoCloseable {

    /**
     * What a probe found.
     *
     * @param reachable whether the cluster answered in time
     * @param detail    its nodes and cluster id, or why it could not be reached
     */
    public record Result(boolean reachable, String detail) {
    }

    private final Map<String, Object> adminSettings;
    private final Duration timeout;
    private Admin admin;

    /**
     * @param adminSettings the admin client's settings (bootstrap.servers, security...)
     * @param timeout       how long one probe may wait for the cluster's answer
     */
    public BrokerProbe(Map<String, Object> adminSettings, Duration timeout) {
        this.adminSettings = Map.copyOf(adminSettings);
        this.timeout = timeout;
    }

    /** Describes the cluster; never throws. */
    public synchronized Result probe() {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try {
            if (admin == null) {
                admin = Admin.create(adminSettings);
            }
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis));
            Collection<Node> nodes = cluster.nodes().get(millis + 500L, TimeUnit.MILLISECONDS);
            String clusterId = cluster.clusterId().get(millis + 500L, TimeUnit.MILLISECONDS);
            return new Result(true, "cluster " + clusterId + ", nodes " + nodes.stream()
                    .map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(",")));
        } catch (ExecutionException e) {
            return new Result(false, describe(e.getCause() != null ? e.getCause() : e));
        } catch (TimeoutException e) {
            return new Result(false, "no answer from the cluster within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted while waiting for the cluster");
        } catch (KafkaException e) {
            // Admin.create refuses settings it cannot use (an unresolvable address, a bad JAAS line).
            return new Result(false, describe(e));
        }
    }

    private String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return "cannot reach the Kafka cluster at " + adminSettings.get("bootstrap.servers") + " within "
                + timeout.toMillis() + " ms: " + message;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}

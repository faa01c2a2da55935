package io.hyperstream.trainer.messaging;

import io.hyperstream.service.TopicsConfig;
import io.hyperstream.trainer.config.TrainerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The work queue's depth: the trials of the trials topic that the trainers' share group has not
 * yet acknowledged (waiting for a trainer, or running on one), summed over the topic's
 * partitions, as the broker reports it (the share group lag of KIP-1226, Kafka 4.2 and later).
 * The same figure for every trainer of the group. Read again from the broker when the last
 * reading is older than {@code hyperstream.trainer.queue-depth-max-age}, so that frequent scrapes
 * cost the broker nothing more.
 */
@Singleton
public class QueueDepth {

    /** How long a scrape waits for the broker: a broker that does not answer must not hold the scrape. */
    private static final long TIMEOUT_MILLIS = 2_000;
    private static final Logger LOG = Logger.getLogger(QueueDepth.class);

    private final KafkaClients clients;
    private final String group;
    private final String topic;
    private final long maxAgeNanos;
    private Admin admin;
    /** When the broker was last asked (System.nanoTime), valid once {@code asked} is true. */
    private long askedAt;
    private boolean asked;
    private double depth = Double.NaN;

    public QueueDepth(KafkaClients clients, TrainerConfig config, TopicsConfig topics) {
        this.clients = clients;
        this.group = config.group();
        this.topic = topics.trials();
        this.maxAgeNanos = config.queueDepthMaxAge().toNanos();
    }

    /**
     * Trials waiting or running in the work queue, or NaN while the broker cannot tell: no trainer
     * has read the topic in this group yet, the broker does not report share group lag, or it
     * cannot be reached.
     */
    public synchronized double depth() {
        long now = System.nanoTime();
        if (asked && now - askedAt < maxAgeNanos) {
            return depth;
        }
        asked = true;
        askedAt = now;
        depth = read();
        return depth;
    }

    private double read() {
        try {
            if (admin == null) {
                admin = Admin.create(clients.admin());
            }
            Map<TopicPartition, SharePartitionOffsetInfo> offsets = admin.listShareGroupOffsets(
                            Map.of(group, new ListShareGroupOffsetsSpec())).partitionsToOffsetInfo(group)
                    .get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            long sum = 0;
            int partitions = 0;
            for (Map.Entry<TopicPartition, SharePartitionOffsetInfo> e : offsets.entrySet()) {
                if (!e.getKey().topic().equals(topic)) {
                    continue;
                }
                Optional<Long> lag = e.getValue() == null ? Optional.empty() : e.getValue().lag();
                if (lag.isEmpty()) {
                    LOG.debugf("the broker reports no share group lag for %s in group %s", e.getKey(), group);
                    return Double.NaN;
                }
                sum += lag.get();
                partitions++;
            }
            return partitions == 0 ? Double.NaN : sum;
        } catch (ExecutionException e) {
            LOG.debugf("the work queue's depth is unknown: %s", e.getCause().getMessage());
            return Double.NaN;
        } catch (TimeoutException | RuntimeException e) {
            LOG.debugf("the work queue's depth is unknown: %s", e.toString());
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofMillis(TIMEOUT_MILLIS));
        }
    }
}

package io.hyperstream.trainer.messaging;

import io.hyperstream.model.Json;
import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.model.event.PruneVerdict;
import io.hyperstream.service.TopicsConfig;
import io.hyperstream.service.metrics.KafkaClientMeters;
import io.hyperstream.trainer.config.TrainerConfig;
import io.hyperstream.trainer.service.VerdictBoard;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads every prune verdict, of every study, from the end of the verdicts topic as of start-up,
 * and hands each to the {@link VerdictBoard}: a trainer cannot know which partition its trial's
 * verdicts land on, and it needs only the few it is waiting for. No consumer group: each trainer
 * reads everything, nothing is committed.
 *
 * <p>An unreadable record is logged and skipped, not dead-lettered: every trainer reads it, so
 * each would dead-letter its own copy.
 */
@Singleton
public class VerdictListener {

    private static final Logger LOG = Logger.getLogger(VerdictListener.class);

    private final KafkaClients clients;
    private final TopicsConfig topics;
    private final TrainerConfig config;
    private final VerdictBoard board;
    private final KafkaClientMeters meters;
    private volatile boolean running;
    private KafkaConsumer<String, String> consumer;
    private Thread thread;
    private AutoCloseable consumerMetrics;

    public VerdictListener(KafkaClients clients, TopicsConfig topics, TrainerConfig config, VerdictBoard board) {
        this(clients, topics, config, board, null);
    }

    /** A listener whose consumer's metrics are published through {@code meters} (none if null). */
    @Inject
    public VerdictListener(KafkaClients clients, TopicsConfig topics, TrainerConfig config, VerdictBoard board,
                           KafkaClientMeters meters) {
        this.meters = meters;
        this.clients = clients;
        this.topics = topics;
        this.config = config;
        this.board = board;
    }

    /**
     * Assigns every partition of the verdicts topic, positioned at its end, and starts reading.
     * Returns once the positions are fixed, so that no verdict published afterwards is missed.
     */
    public synchronized void start() {
        consumer = new KafkaConsumer<>(clients.verdictConsumer(), new StringDeserializer(), new StringDeserializer());
        String topic = topics.pruneVerdicts();
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("the prune-verdicts topic '" + topic + "' has no partitions");
        }
        consumer.assign(partitions);
        consumerMetrics = meters == null ? null : meters.bind(consumer);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, not at the first poll, which could come
        // after this trainer's first epoch report and skip its verdict.
        partitions.forEach(consumer::position);
        running = true;
        thread = new Thread(this::pollLoop, "prune-verdicts");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("reading prune verdicts from %s (%d partitions)", topic, partitions.size());
    }

    /** Whether the reading thread is alive. */
    public boolean isAlive() {
        return thread != null && thread.isAlive();
    }

    private void pollLoop() {
        try {
            while (running) {
                try {
                    for (ConsumerRecord<String, String> record : consumer.poll(config.pollTimeout())) {
                        accept(record);
                    }
                } catch (WakeupException e) {
                    // stop() woke the poll up; the loop condition decides.
                } catch (KafkaException e) {
                    LOG.errorf(e, "reading prune verdicts failed: %s; retrying", e.getMessage());
                    pause(config.retryBackoff());
                }
            }
        } finally {
            try {
                if (consumerMetrics != null) {
                    consumerMetrics.close();
                }
            } catch (Exception e) {
                LOG.debugf("closing the verdict consumer's metrics failed: %s", e.getMessage());
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void accept(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        try {
            PruneVerdict verdict = Json.read(record.value(), PruneVerdict.class);
            if (board.offer(verdict)) {
                LOG.debugf("study %s trial %d: verdict for epoch %d: prune=%s", verdict.studyId(),
                        verdict.trialNumber(), verdict.epoch(), verdict.prune());
            }
        } catch (MalformedMessageException e) {
            LOG.warnf("skipping unreadable record %s-%d@%d on the verdicts topic: %s", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }

    /** Stops reading and closes the consumer. */
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }
}

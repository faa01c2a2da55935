package io.hyperstream.pruner.messaging;

import io.hyperstream.model.Json;
import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.PruneVerdict;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.pruner.service.PruningService;
import io.hyperstream.pruner.service.VerdictLatency;
import io.hyperstream.service.log.LogContext;
import io.hyperstream.service.metrics.KafkaClientMeters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads trial events and publishes the verdict of every epoch report, in a consumer group whose
 * members share the topic's partitions (a study's events are all on one partition).
 *
 * <p>The pruner's state is rebuilt from the log: whenever partitions are assigned (at start-up,
 * after a restart, when another instance joins or leaves) the trial state is dropped and the
 * assigned partitions are read again from their beginning. Records before the group's committed
 * offset were answered by an earlier run: they only rebuild the state, silently. From the
 * committed offset on, every report is judged on the same events, in the same order, as before
 * the restart, so it gets the verdict it would have got. The verdicts of one poll are sent
 * together and awaited once, before the poll's offsets are committed: a report waits for the
 * decisions before it, not for their round trips to the broker. Reading starts once the study
 * events present at start-up have been read, so that every study in the log is known.
 */
public final class TrialEventReader implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TrialEventReader.class);

    private final ReaderSettings settings;
    private final PruningService pruning;
    private final Outbox outbox;
    private final VerdictLatency latency;
    private final StudyEventReader studies;
    private final Consumer<Boolean> verdicts;
    private final KafkaClientMeters meters;
    /** Poll thread only: per partition, the first offset not answered by an earlier run. */
    private final Map<TopicPartition, Long> answeredUpTo = new HashMap<>();
    /** Poll thread only: offsets to commit (the next offset per partition). */
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
    /** Poll thread only: the verdicts of the current poll, sent and not yet awaited. */
    private final List<CompletableFuture<Void>> sent = new ArrayList<>();
    private KafkaConsumer<String, String> consumer;
    private AutoCloseable consumerMetrics;
    private Thread thread;
    private volatile boolean running;
    private volatile boolean replaying = true;
    /** Poll thread only: whether partitions were assigned at least once. */
    private boolean assignedOnce;
    private volatile Set<Integer> assigned = Set.of();

    /**
     * @param verdicts told of each verdict published (whether it prunes), for the service's metrics
     * @param meters   publishes the consumer's Kafka metrics (its lag among them)
     */
    public TrialEventReader(ReaderSettings settings, PruningService pruning, Outbox outbox, VerdictLatency latency,
                            StudyEventReader studies, Consumer<Boolean> verdicts, KafkaClientMeters meters) {
        this.verdicts = verdicts;
        this.meters = meters;
        this.settings = settings;
        this.pruning = pruning;
        this.outbox = outbox;
        this.latency = latency;
        this.studies = studies;
    }

    /** Joins the group and starts reading (once the study events present at start-up are read). */
    public synchronized void start() {
        Map<String, Object> props = settings.kafka().common();
        props.putAll(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, settings.group(),
                ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-trial-events",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000));
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumerMetrics = meters.bind(consumer);
        running = true;
        thread = new Thread(this::loop, "pruner-trial-events");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the reading thread runs. */
    public boolean isAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** Whether the assigned partitions have been read up to where an earlier run had answered. */
    public boolean isCaughtUp() {
        return !replaying;
    }

    /** The trial-events partitions this instance reads. */
    public Set<Integer> assignedPartitions() {
        return assigned;
    }

    private void loop() {
        try {
            while (running && !studies.awaitCaughtUp(Duration.ofMillis(200))) {
                if (!studies.isAlive()) {
                    throw new IllegalStateException("the study-events reader stopped before it caught up");
                }
            }
            consumer.subscribe(List.of(settings.topics().trialEvents()), new Rebalance());
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(settings.pollTimeout());
                long polledAt = System.nanoTime();
                for (ConsumerRecord<String, String> record : records) {
                    handle(record, polledAt);
                }
                awaitSent();
                updateReplaying();
                commit(false);
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("the trial-events reader was woken up while running", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the trial-events reader stopped", e);
        } finally {
            try {
                awaitSent();
                commit(true);
            } catch (RuntimeException e) {
                LOG.warnf("could not commit the trial-events offsets on the way out: %s", e.getMessage());
            }
            try {
                consumerMetrics.close();
            } catch (Exception e) {
                LOG.debugf("unbinding the trial-events consumer's metrics: %s", e.getMessage());
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handle(ConsumerRecord<String, String> record, long polledAt) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        boolean live = record.offset() >= answeredUpTo.getOrDefault(tp, 0L);
        try {
            if (record.value() == null || record.value().isBlank()) {
                throw new MalformedMessageException("the message is empty", null);
            }
            TrialEvent event = Json.read(record.value(), TrialEvent.class);
            try (LogContext context = LogContext.trial(event.studyId(), event.trialNumber())) {
                Optional<PruneVerdict> verdict = pruning.onTrialEvent(event);
                if (live && verdict.isPresent() && event instanceof EpochReported report) {
                    publish(report, verdict.get(), polledAt);
                }
            }
        } catch (MalformedMessageException e) {
            if (live) {
                deadLetter(record, e.getMessage());
            }
        } catch (RuntimeException e) {
            // A message this service fails on must not stop it for every other study.
            LOG.errorf(e, "failed on %s-%d@%d", record.topic(), record.partition(), record.offset());
            if (live) {
                deadLetter(record, "pruner-service failed on this message: " + e);
            }
        }
        if (live) {
            pending.put(tp, new OffsetAndMetadata(record.offset() + 1));
        }
    }

    private void publish(EpochReported report, PruneVerdict verdict, long polledAt) {
        sent.add(outbox.send(verdict).handle((ok, error) -> {
            // On the producer's thread: the poll thread's logging context is not there.
            try (LogContext context = LogContext.trial(verdict.studyId(), verdict.trialNumber())) {
                acknowledged(report, verdict, polledAt, error);
            }
            return null;
        }));
    }

    private void acknowledged(EpochReported report, PruneVerdict verdict, long polledAt, Throwable error) {
        if (error != null) {
            // The trainer stops waiting after its timeout and trains on; the state is kept.
            LOG.errorf("study %s trial %d: the verdict for epoch %d was not published: %s", verdict.studyId(),
                    verdict.trialNumber(), verdict.epoch(), error.getMessage());
            return;
        }
        Duration inPruner = Duration.ofNanos(System.nanoTime() - polledAt);
        Duration sinceReport = Duration.between(report.timestamp(), Instant.now());
        latency.record(verdict.studyId(), verdict.prune(), sinceReport, inPruner);
        verdicts.accept(verdict.prune());
        LOG.debugf("study %s trial %d: verdict for epoch %d (prune=%s) published %d ms after the report",
                verdict.studyId(), verdict.trialNumber(), verdict.epoch(), verdict.prune(), sinceReport.toMillis());
    }

    /**
     * Waits until the broker has acknowledged, or the producer has given up on, every verdict
     * sent since the last poll (the producer's delivery timeout bounds the wait).
     */
    private void awaitSent() {
        for (CompletableFuture<Void> verdict : sent) {
            verdict.join();
        }
        sent.clear();
    }

    private void deadLetter(ConsumerRecord<String, String> record, String error) {
        LOG.warnf("dead-lettering %s-%d@%d (key %s): %s", record.topic(), record.partition(), record.offset(),
                record.key(), error);
        try {
            outbox.publish(new DeadLetter(Events.newId(), record.key(), Events.now(), settings.serviceName(),
                    record.topic(), record.partition(), record.offset(), record.value(), error), record.key());
        } catch (RuntimeException e) {
            LOG.errorf("could not dead-letter %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    private void updateReplaying() {
        if (!replaying || !assignedOnce) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> e : answeredUpTo.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return;
            }
        }
        replaying = false;
        LOG.infof("trial events rebuilt up to the last answered report on partitions %s", assigned);
    }

    private void commit(boolean sync) {
        if (pending.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(pending);
        pending.clear();
        if (sync) {
            consumer.commitSync(offsets, Duration.ofSeconds(5));
        } else {
            consumer.commitAsync(offsets, (done, error) -> {
                if (error != null) {
                    // A later commit covers these offsets; at worst a restart answers some reports again.
                    LOG.debugf("commit of %s failed: %s", done, error.getMessage());
                }
            });
        }
    }

    /** Drops the trial state and reads the assigned partitions again from their beginning. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                commit(true);
            } catch (RuntimeException e) {
                LOG.warnf("could not commit before the rebalance: %s", e.getMessage());
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            pruning.forgetTrials();
            answeredUpTo.clear();
            pending.clear();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(consumer.assignment()));
            for (TopicPartition tp : consumer.assignment()) {
                OffsetAndMetadata offset = committed.get(tp);
                answeredUpTo.put(tp, offset == null ? 0L : offset.offset());
            }
            consumer.seekToBeginning(consumer.assignment());
            assigned = consumer.assignment().stream().map(TopicPartition::partition)
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
            replaying = true;
            assignedOnce = true;
            LOG.infof("trial-events partitions %s assigned: rebuilding from their beginning, answering from offsets %s",
                    assigned, answeredUpTo);
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

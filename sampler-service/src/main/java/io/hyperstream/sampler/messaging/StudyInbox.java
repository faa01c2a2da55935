package io.hyperstream.sampler.messaging;

import io.hyperstream.model.Json;
import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.kafka.StudyPartitioner;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.kafka.TopicSetup;
import io.hyperstream.sampler.service.CommandReader;
import io.hyperstream.sampler.service.IncomingCommand;
import io.hyperstream.sampler.service.StudyScheduler;
import io.hyperstream.service.log.LogContext;
import io.hyperstream.service.metrics.KafkaClientMeters;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The sampler instance's share of the studies: the study-commands and trial-events topics, read
 * by ONE consumer in one group that every instance joins.
 *
 * <p>Both topics are keyed by study id and have the same partition count, and the range assignor
 * gives each member the same partition numbers of both, so one instance gets all of a study's
 * commands and trial events; it runs the studies whose partition it owns. When it gains
 * partitions (at start-up, or when another instance leaves) it rebuilds their studies from the
 * topics ({@link StudyLog}), hands them to the scheduler and reads on from where the rebuild
 * stopped; partitions it keeps through a rebalance keep their state; studies of partitions it
 * loses are dropped. If an event cannot be published the scheduler stops and this inbox rebuilds
 * all its studies from the topics once the broker answers again.
 *
 * <p>A command on the wrong partition (a producer that did not key it by study id, or that hashes
 * keys otherwise than Kafka's Java client) is forwarded, unchanged, to its study's partition.
 * Records are processed one at a time on the polling thread, and offsets are committed after each
 * batch (they only matter to operators: state comes from the topics, not from offsets).
 */
public final class StudyInbox {

    private static final Logger LOG = Logger.getLogger(StudyInbox.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    /**
     * How the inbox connects.
     *
     * @param group          the consumer group every sampler instance joins
     * @param clientId       this instance's client id (logged by the broker)
     * @param pollTimeout    the longest a poll waits for records
     * @param sessionTimeout how long the group waits for a silent instance before its studies move
     * @param retryBackoff   the pause before rebuilding again after a failure
     * @param clientSettings every Kafka setting of the service (security...), for the inbox's clients
     * @param maxSpecBytes   submissions larger than this (UTF-8 bytes) are rejected with their size
     */
    public record Settings(String bootstrapServers, String group, String clientId, Duration pollTimeout,
                           Duration sessionTimeout, Duration retryBackoff, Map<String, Object> clientSettings,
                           int maxSpecBytes) {

        public Settings {
            clientSettings = Map.copyOf(clientSettings);
        }

        /** Settings with no Kafka setting but the broker address and no size limit. */
        public Settings(String bootstrapServers, String group, String clientId, Duration pollTimeout,
                        Duration sessionTimeout, Duration retryBackoff) {
            this(bootstrapServers, group, clientId, pollTimeout, sessionTimeout, retryBackoff, Map.of(),
                    Integer.MAX_VALUE);
        }

        /** The settings every client of the inbox starts from. */
        Map<String, Object> client() {
            Map<String, Object> config = new HashMap<>(clientSettings);
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            return config;
        }
    }

    private final Settings settings;
    private final TopicNames topics;
    private final StudyScheduler scheduler;
    private final StudyLog log;
    private final DeadLetters deadLetters;
    private final KafkaClientMeters meters;

    private volatile boolean running;
    private volatile Set<Integer> owned = Set.of();
    private volatile int partitionCount;
    private Thread poller;
    private KafkaConsumer<String, String> consumer;
    private KafkaProducer<String, String> forwarder;
    private AutoCloseable consumerMetrics;
    /** Poll thread only: partitions owned before the rebalance under way, if their offsets were committed. */
    private Set<Integer> heldBeforeRebalance = Set.of();
    /** Poll thread only: set when the studies must be rebuilt from the topics before reading on. */
    private boolean rebuildNeeded;

    public StudyInbox(Settings settings, TopicNames topics, StudyScheduler scheduler, StudyLog log, DeadLetters deadLetters) {
        this(settings, topics, scheduler, log, deadLetters, null);
    }

    /** An inbox whose consumer's metrics are published through {@code meters} (none if null). */
    public StudyInbox(Settings settings, TopicNames topics, StudyScheduler scheduler, StudyLog log, DeadLetters deadLetters,
                      KafkaClientMeters meters) {
        this.meters = meters;
        this.settings = settings;
        this.topics = topics;
        this.scheduler = scheduler;
        this.log = log;
        this.deadLetters = deadLetters;
    }

    /** Checks that the input topics are co-partitioned, joins the group and starts reading. */
    public synchronized void start() {
        Map<String, Object> adminConfig = settings.client();
        adminConfig.keySet().retainAll(AdminClientConfig.configNames());
        try (Admin admin = Admin.create(adminConfig)) {
            partitionCount = TopicSetup.coPartitionCount(admin, topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topics", e);
        }
        consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new StringDeserializer());
        consumerMetrics = meters == null ? null : meters.bind(consumer);
        Map<String, Object> forwarderConfig = settings.client();
        forwarderConfig.put(ProducerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-forwarder");
        forwarderConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        forwarderConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        forwarderConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        forwarder = new KafkaProducer<>(forwarderConfig, new StringSerializer(), new StringSerializer());
        running = true;
        poller = new Thread(this::pollLoop, "study-inbox");
        poller.start();
        LOG.infof("reading %s and %s (%d partitions each) in group %s", topics.studyCommands(), topics.trialEvents(),
                partitionCount, settings.group());
    }

    /** Stops reading, forgets the studies and leaves the group, so that other instances take them over at once. */
    public synchronized void stop() {
        if (poller == null) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            poller.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        poller = null;
    }

    /** Whether the polling thread is alive. */
    public boolean isAlive() {
        Thread thread = poller;
        return thread != null && thread.isAlive();
    }

    /** The partition numbers whose studies this instance runs. */
    public Set<Integer> ownedPartitions() {
        return owned;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = settings.client();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The range assignor gives a member the same partition numbers of both topics.
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                (int) Math.max(100, Math.min(500, settings.sessionTimeout().toMillis() / 3)));
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return config;
    }

    private void pollLoop() {
        try {
            consumer.subscribe(List.of(topics.studyCommands(), topics.trialEvents()), new Rebalance());
            while (running) {
                try {
                    if (rebuildNeeded || scheduler.failed() != null) {
                        rebuildAll();
                    }
                    readOnce();
                } catch (WakeupException e) {
                    // stop() woke the poll up; the loop condition decides.
                } catch (RuntimeException e) {
                    LOG.errorf(e, "study inbox: %s; rebuilding the studies from the topics in %s",
                            e.getMessage(), settings.retryBackoff());
                    rebuildNeeded = true;
                    sleep(settings.retryBackoff());
                }
            }
        } finally {
            leave();
        }
    }

    private void readOnce() {
        ConsumerRecords<String, String> records = consumer.poll(settings.pollTimeout());
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            if (rebuildNeeded) {
                break;
            }
            process(record);
            if (scheduler.failed() != null) {
                // The rest of the batch is below the end offsets the rebuild reads to.
                rebuildNeeded = true;
                break;
            }
            done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        commit(done);
    }

    private void process(ConsumerRecord<String, String> record) {
        if (record.topic().equals(topics.studyCommands())) {
            processCommand(record);
        } else {
            processTrialEvent(record);
        }
    }

    private void processCommand(ConsumerRecord<String, String> record) {
        IncomingCommand command;
        try {
            command = CommandReader.read(record.value(), settings.maxSpecBytes());
        } catch (MalformedMessageException e) {
            deadLetters.send(record, e.getMessage());
            return;
        }
        try (LogContext context = LogContext.study(command.studyId())) {
            processCommand(record, command);
        }
    }

    private void processCommand(ConsumerRecord<String, String> record, IncomingCommand command) {
        int home = StudyPartitioner.partitionOf(command.studyId(), partitionCount);
        if (home != record.partition()) {
            forward(record, command.studyId(), home);
            return;
        }
        try {
            scheduler.handle(command);
        } catch (RuntimeException e) {
            if (scheduler.failed() != null) {
                return;
            }
            // One study's failure must not stop the inbox for every other study.
            LOG.errorf(e, "study %s: could not process %s", command.studyId(), command.eventId());
            deadLetters.send(record, "sampler-service could not process this command: " + e.getMessage());
        }
    }

    private void processTrialEvent(ConsumerRecord<String, String> record) {
        TrialEvent event;
        try {
            if (record.value() == null || record.value().isBlank()) {
                throw new MalformedMessageException("the message is empty", null);
            }
            event = Json.read(record.value(), TrialEvent.class);
        } catch (MalformedMessageException e) {
            deadLetters.send(record, e.getMessage());
            return;
        }
        try (LogContext context = LogContext.trial(event.studyId(), event.trialNumber())) {
            processTrialEvent(record, event);
        }
    }

    private void processTrialEvent(ConsumerRecord<String, String> record, TrialEvent event) {
        try {
            scheduler.onTrialEvent(event);
        } catch (RuntimeException e) {
            if (scheduler.failed() != null) {
                return;
            }
            LOG.errorf(e, "study %s trial %d: could not process %s", event.studyId(), event.trialNumber(), event.type());
            deadLetters.send(record, "sampler-service could not process this trial event: " + e.getMessage());
        }
    }

    /** Re-publishes a command on its study's partition, where the study's owner reads it (duplicates are ignored by eventId). */
    private void forward(ConsumerRecord<String, String> record, String studyId, int home) {
        try {
            forwarder.send(new ProducerRecord<>(topics.studyCommands(), home, studyId, record.value()))
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("forwarding a command of study " + studyId + " was interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("forwarding a command of study " + studyId + " failed: " + e.getMessage(), e);
        }
        LOG.infof("study %s: command at %s-%d@%d forwarded to partition %d, its study's partition"
                        + " (produce study commands with key = study id and Kafka's default partitioner)",
                studyId, record.topic(), record.partition(), record.offset(), home);
    }

    /**
     * Rebuilds the studies of {@code partitions} from the topics, hands them to the scheduler,
     * re-forwards misplaced commands that were not committed, and moves the consumer to where the
     * rebuild stopped reading.
     */
    private void recover(Set<Integer> partitions) {
        StudyLog.Recovery recovery = log.recover(partitions, partitionCount);
        scheduler.takeOver(recovery.takeover());
        if (!recovery.misplaced().isEmpty()) {
            Set<TopicPartition> parts = recovery.misplaced().stream()
                    .map(r -> new TopicPartition(r.topic(), r.partition())).collect(Collectors.toSet());
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(parts);
            for (ConsumerRecord<String, String> record : recovery.misplaced()) {
                OffsetAndMetadata mark = committed.get(new TopicPartition(record.topic(), record.partition()));
                if (mark == null || record.offset() >= mark.offset()) {
                    IncomingCommand command = CommandReader.read(record.value(), settings.maxSpecBytes());
                    forward(record, command.studyId(), StudyPartitioner.partitionOf(command.studyId(), partitionCount));
                }
            }
        }
        for (int p : partitions) {
            consumer.seek(new TopicPartition(topics.studyCommands(), p), recovery.commandEnds().get(p));
            consumer.seek(new TopicPartition(topics.trialEvents(), p), recovery.trialEventEnds().get(p));
        }
    }

    /** Forgets every study and rebuilds those of all assigned partitions; reading waits meanwhile. */
    private void rebuildAll() {
        rebuildNeeded = true;
        consumer.pause(consumer.assignment());
        scheduler.suspend();
        try {
            Set<Integer> assigned = numbers(consumer.assignment());
            scheduler.release(id -> true);
            owned = Set.of();
            if (!assigned.isEmpty()) {
                recover(assigned);
            }
            owned = Set.copyOf(assigned);
            rebuildNeeded = scheduler.failed() != null;
            if (!rebuildNeeded) {
                consumer.resume(consumer.paused());
                LOG.infof("studies of partitions %s rebuilt from the topics", new TreeSet<>(assigned));
            }
        } finally {
            scheduler.resume();
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        offsets.keySet().retainAll(consumer.assignment());
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // Offsets only inform operators: the studies are rebuilt from the topics, not from offsets.
            LOG.debugf("commit of %s skipped: %s", offsets, e.getMessage());
        }
    }

    private void leave() {
        scheduler.suspend();
        try {
            Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
            for (TopicPartition tp : consumer.assignment()) {
                positions.put(tp, new OffsetAndMetadata(consumer.position(tp)));
            }
            commit(positions);
        } catch (KafkaException e) {
            LOG.warnf("committing on the way out failed: %s", e.getMessage());
        } finally {
            scheduler.release(id -> true);
            owned = Set.of();
            closeMetrics();
            consumer.close(Duration.ofSeconds(5));
            forwarder.close(Duration.ofSeconds(5));
            LOG.infof("left group %s", settings.group());
        }
    }

    private void closeMetrics() {
        try {
            if (consumerMetrics != null) {
                consumerMetrics.close();
            }
        } catch (Exception e) {
            LOG.debugf("closing the consumer's metrics failed: %s", e.getMessage());
        }
    }

    private Set<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().filter(tp -> tp.topic().equals(topics.studyCommands()))
                .map(TopicPartition::partition).collect(Collectors.toSet());
    }

    private boolean ownedHere(String studyId, Set<Integer> partitions) {
        return partitions.contains(StudyPartitioner.partitionOf(studyId, partitionCount));
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    /** Reacts to the group moving partitions; runs on the poll thread, inside poll(). */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            scheduler.suspend();
            Set<Integer> revoked = numbers(partitions);
            Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
            for (TopicPartition tp : partitions) {
                positions.put(tp, new OffsetAndMetadata(consumer.position(tp)));
            }
            try {
                // Partitions assigned back resume from the committed offsets: exactly where this instance was.
                consumer.commitSync(positions);
                Set<Integer> held = new HashSet<>(heldBeforeRebalance);
                held.addAll(revoked);
                heldBeforeRebalance = held;
            } catch (KafkaException e) {
                LOG.warnf("commit on revocation of %s failed (%s): their studies will be rebuilt", partitions, e.getMessage());
                scheduler.release(id -> ownedHere(id, revoked));
            }
            Set<Integer> remaining = new HashSet<>(owned);
            remaining.removeAll(revoked);
            owned = Set.copyOf(remaining);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            Set<Integer> lost = numbers(partitions);
            scheduler.release(id -> ownedHere(id, lost));
            Set<Integer> remaining = new HashSet<>(owned);
            remaining.removeAll(lost);
            owned = Set.copyOf(remaining);
            heldBeforeRebalance = Set.of();
            LOG.warnf("lost partitions %s (this instance left the group): their studies are dropped here", lost);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Set<Integer> assigned = numbers(partitions);
            Set<Integer> eventNumbers = partitions.stream().filter(tp -> tp.topic().equals(topics.trialEvents()))
                    .map(TopicPartition::partition).collect(Collectors.toSet());
            if (!eventNumbers.equals(assigned)) {
                LOG.errorf("got partitions %s of %s but %s of %s: the topics are not co-partitioned",
                        assigned, topics.studyCommands(), eventNumbers, topics.trialEvents());
            }
            Set<Integer> keep = new HashSet<>(owned);
            for (int p : heldBeforeRebalance) {
                if (assigned.contains(p)) {
                    keep.add(p);
                }
            }
            heldBeforeRebalance = Set.of();
            scheduler.release(id -> !ownedHere(id, keep));
            Set<Integer> gained = new HashSet<>(assigned);
            gained.removeAll(keep);
            try {
                if (!gained.isEmpty() && !rebuildNeeded) {
                    recover(gained);
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "rebuilding the studies of partitions %s failed: %s", gained, e.getMessage());
                rebuildNeeded = true;
            }
            if (rebuildNeeded || scheduler.failed() != null) {
                rebuildNeeded = true;
                consumer.pause(consumer.assignment());
            }
            Set<Integer> nowOwned = new HashSet<>(keep);
            nowOwned.addAll(gained);
            owned = Set.copyOf(nowOwned);
            scheduler.resume();
            LOG.infof("partitions %s: kept %s, rebuilt %s; %d running stud%s here", new TreeSet<>(assigned),
                    new TreeSet<>(keep), new TreeSet<>(gained), scheduler.runningStudies(),
                    scheduler.runningStudies() == 1 ? "y" : "ies");
        }
    }
}

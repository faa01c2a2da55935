package io.hyperstream.trainer.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.model.Json;
import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialFailed;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.service.TopicsConfig;
import io.hyperstream.trainer.config.TrainerConfig;
import io.hyperstream.trainer.config.TrainerIdentity;
import io.hyperstream.trainer.service.Cancellation;
import io.hyperstream.trainer.service.PublishException;
import io.hyperstream.trainer.service.TrainerStatus;
import io.hyperstream.trainer.service.TrialRunner;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The trainer's share of the work queue: the trials topic, read by one consumer group that all
 * trainers join, one trial at a time.
 *
 * <p>A plain {@link KafkaConsumer} with {@code max.poll.records=1}. When a trial arrives, it runs
 * on a worker thread while this thread keeps polling with every assigned partition paused, so
 * the trainer stays in the group however long the trial takes and takes no other trial. Once the
 * trial's terminal event is stored on the broker, its offset is committed and the partitions
 * resume.
 *
 * <p>Delivery is at least once. If the trial's partition is revoked (another trainer joined or
 * this one was too slow) the trial is cancelled: it publishes nothing more, its offset stays
 * uncommitted, and the partition's new owner runs it again from the start (with a new
 * {@code TrialStarted}). A trial that finished before the revocation is committed in the
 * revocation callback. If an event cannot be stored, the record is processed again after a
 * pause. A record that is not a readable {@code TrialScheduled} goes to the dead-letter topic
 * (plus a {@code TrialFailed} when its study and trial number can be read) and is committed.
 */
@Singleton
public class TrialQueue {

    /** The service name written into dead letters. */
    public static final String SERVICE = "trainer-service";

    private static final Logger LOG = Logger.getLogger(TrialQueue.class);

    private final KafkaClients clients;
    private final TopicsConfig topics;
    private final TrainerConfig config;
    private final String trainerId;
    private final TrialRunner runner;
    private final KafkaEventPublisher publisher;

    private final AtomicLong trialsFinished = new AtomicLong();
    private final AtomicLong recordsDeadLettered = new AtomicLong();
    private volatile boolean running;
    private volatile List<Integer> ownedPartitions = List.of();
    private volatile RunningTrial current;
    private Thread poller;
    private KafkaConsumer<String, String> consumer;
    /** Offsets of ended trials and refused records still to be committed (poll thread only). */
    private final Map<TopicPartition, OffsetAndMetadata> pendingCommits = new HashMap<>();
    /** Until when (System.currentTimeMillis) no record is taken, after a failed publish (poll thread only). */
    private long holdUntil;

    public TrialQueue(KafkaClients clients, TopicsConfig topics, TrainerConfig config, TrainerIdentity identity,
                      TrialRunner runner, KafkaEventPublisher publisher) {
        this.clients = clients;
        this.topics = topics;
        this.config = config;
        this.trainerId = identity.id();
        this.runner = runner;
        this.publisher = publisher;
    }

    /** Joins the trainers' group and starts taking trials. */
    public synchronized void start() {
        consumer = new KafkaConsumer<>(clients.trialConsumer(), new StringDeserializer(), new StringDeserializer());
        running = true;
        poller = new Thread(this::pollLoop, "trial-queue");
        poller.start();
        LOG.infof("trainer %s takes trials from %s in group %s", trainerId, topics.trials(), config.group());
    }

    /**
     * Cancels the running trial (it is delivered again to another trainer), commits what has
     * ended, and leaves the group.
     */
    public synchronized void stop() {
        if (poller == null) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            poller.join(config.cancelGrace().plusSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the polling thread is alive. */
    public boolean isAlive() {
        return poller != null && poller.isAlive();
    }

    /** What this trainer is doing now. */
    public TrainerStatus status() {
        RunningTrial trial = current;
        return new TrainerStatus(trainerId, config.group(), trial != null,
                trial == null ? null : trial.trial.studyId(), trial == null ? null : trial.trial.trialNumber(),
                ownedPartitions, trialsFinished.get(), recordsDeadLettered.get());
    }

    private void pollLoop() {
        try {
            consumer.subscribe(List.of(topics.trials()), new Rebalance());
            while (running) {
                try {
                    settleEndedTrial();
                    commitPending();
                    if (current != null || System.currentTimeMillis() < holdUntil) {
                        consumer.pause(consumer.assignment());
                    } else if (!consumer.paused().isEmpty()) {
                        consumer.resume(consumer.paused());
                    }
                    for (ConsumerRecord<String, String> record : consumer.poll(config.pollTimeout())) {
                        take(record);
                    }
                } catch (WakeupException e) {
                    // stop() woke the poll up; the loop condition decides.
                } catch (RuntimeException e) {
                    // The queue must outlive a broker outage; the records stay where they are.
                    LOG.errorf(e, "trial queue: %s; retrying in %s", e.getMessage(), config.retryBackoff());
                    sleep(config.retryBackoff());
                }
            }
        } finally {
            leave();
        }
    }

    private void take(ConsumerRecord<String, String> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (current != null) {
            // Partitions are paused while a trial runs; should a record come anyway, it waits its turn.
            consumer.seek(partition, record.offset());
            return;
        }
        TrialScheduled trial;
        try {
            if (record.value() == null) {
                throw new MalformedMessageException("the record has no value", null);
            }
            trial = Json.read(record.value(), TrialScheduled.class);
        } catch (MalformedMessageException e) {
            refuse(record, partition, e.getMessage());
            return;
        }
        consumer.pause(consumer.assignment());
        current = RunningTrial.start(partition, record.offset(), trial, runner);
    }

    /** Dead-letters a record that is not a readable trial, fails its trial if it names one, and commits it. */
    private void refuse(ConsumerRecord<String, String> record, TopicPartition partition, String error) {
        Optional<TrialId> trial = TrialId.of(record.value());
        try {
            LOG.warnf("dead-lettering %s-%d@%d (key %s): %s", record.topic(), record.partition(), record.offset(),
                    record.key(), error);
            publisher.publish(new DeadLetter(Events.newId(), trial.map(TrialId::studyId).orElse(null), Events.now(),
                    SERVICE, record.topic(), record.partition(), record.offset(), record.value(), error),
                    record.key());
            if (trial.isPresent()) {
                // The sampler waits for every scheduled trial to end: tell it this one never will.
                publisher.publish(new TrialFailed(Events.newId(), trial.get().studyId(), trial.get().trialNumber(),
                        Events.now(), trainerId, "malformed trial message: " + error));
            }
            recordsDeadLettered.incrementAndGet();
            pendingCommits.put(partition, new OffsetAndMetadata(record.offset() + 1));
            commitPending();
        } catch (PublishException e) {
            LOG.errorf(e, "cannot dead-letter %s-%d@%d; retrying in %s", record.topic(), record.partition(),
                    record.offset(), config.retryBackoff());
            consumer.seek(partition, record.offset());
            holdUntil = System.currentTimeMillis() + config.retryBackoff().toMillis();
        }
    }

    /** Commits (or re-queues) the trial that ended on the worker thread. */
    private void settleEndedTrial() {
        RunningTrial trial = current;
        if (trial == null || !trial.outcome.isDone()) {
            return;
        }
        current = null;
        if (trial.givenUp) {
            return;
        }
        try {
            if (trial.outcome.join().isPresent()) {
                trialsFinished.incrementAndGet();
                pendingCommits.put(trial.partition, new OffsetAndMetadata(trial.offset + 1));
                return;
            }
            LOG.infof("%s: cancelled; it runs again", trial);
        } catch (CompletionException e) {
            LOG.errorf(e.getCause(), "%s could not be completed: %s; it runs again in %s", trial,
                    e.getCause().getMessage(), config.retryBackoff());
            holdUntil = System.currentTimeMillis() + config.retryBackoff().toMillis();
        }
        if (consumer.assignment().contains(trial.partition)) {
            consumer.seek(trial.partition, trial.offset);
        }
    }

    private void commitPending() {
        if (pendingCommits.isEmpty()) {
            return;
        }
        pendingCommits.keySet().retainAll(consumer.assignment());
        try {
            consumer.commitSync(pendingCommits);
            pendingCommits.clear();
        } catch (RebalanceInProgressException e) {
            LOG.debugf("commit of %s deferred: a rebalance is in progress", pendingCommits);
        } catch (CommitFailedException e) {
            LOG.warnf("commit of %s failed (%s): those records may be delivered again", pendingCommits, e.getMessage());
            pendingCommits.clear();
        }
    }

    /** On the way out: cancel the running trial, commit what has ended, leave the group. */
    private void leave() {
        try {
            RunningTrial trial = current;
            if (trial != null && !trial.givenUp) {
                if (!trial.outcome.isDone()) {
                    LOG.infof("%s: cancelled because the trainer is stopping; it will run again", trial);
                    trial.cancel();
                    trial.awaitEnd(config.cancelGrace());
                }
                settleEndedTrial();
            }
            try {
                commitPending();
            } catch (WakeupException e) {
                commitPending();
            }
        } catch (KafkaException e) {
            LOG.warnf("committing on the way out failed: %s", e.getMessage());
        } finally {
            consumer.close(Duration.ofSeconds(5));
            ownedPartitions = List.of();
            LOG.infof("trainer %s left group %s", trainerId, config.group());
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    private void updateOwnedPartitions() {
        ownedPartitions = consumer.assignment().stream().map(TopicPartition::partition).sorted().toList();
    }

    /** Reacts to the group moving partitions; runs on the poll thread, inside poll(). */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            giveUp(partitions, true);
            Map<TopicPartition, OffsetAndMetadata> revoked = new HashMap<>(pendingCommits);
            revoked.keySet().retainAll(partitions);
            if (!revoked.isEmpty()) {
                try {
                    consumer.commitSync(revoked);
                } catch (KafkaException e) {
                    LOG.warnf("commit of %s on revocation failed (%s): those records may be delivered again", revoked,
                            e.getMessage());
                }
            }
            pendingCommits.keySet().removeAll(partitions);
            updateOwnedPartitions();
            LOG.infof("trainer %s gave up partitions %s", trainerId, partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            giveUp(partitions, false);
            pendingCommits.keySet().removeAll(partitions);
            updateOwnedPartitions();
            LOG.warnf("trainer %s lost partitions %s (left the group): their records may be delivered again",
                    trainerId, partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (current != null || System.currentTimeMillis() < holdUntil) {
                consumer.pause(partitions);
            }
            updateOwnedPartitions();
            LOG.infof("trainer %s got partitions %s", trainerId, partitions);
        }

        /**
         * Cancels the running trial if its partition goes: its new owner will run it. A trial
         * that has already ended is settled here, while its offset can still be committed.
         */
        private void giveUp(Collection<TopicPartition> partitions, boolean canCommit) {
            RunningTrial trial = current;
            if (trial == null || trial.givenUp || !partitions.contains(trial.partition)) {
                return;
            }
            if (!trial.outcome.isDone()) {
                LOG.warnf("%s: partition %s moved to another trainer; cancelling the trial, which runs again there",
                        trial, trial.partition);
                trial.cancel();
                if (!trial.awaitEnd(config.cancelGrace())) {
                    LOG.warnf("%s: still running %s after cancellation; this trainer takes no trial until it stops",
                            trial, config.cancelGrace());
                }
            }
            if (trial.outcome.isDone() && canCommit) {
                settleEndedTrial();
                commitPending();
            } else {
                trial.givenUp = true;
            }
        }
    }

    /** A trial running on its own worker thread. */
    private static final class RunningTrial {

        final TopicPartition partition;
        final long offset;
        final TrialScheduled trial;
        final Cancellation cancellation = new Cancellation();
        final CompletableFuture<Optional<TrialEvent>> outcome = new CompletableFuture<>();
        /** Its partition went to another trainer: nothing is committed or re-read here (poll thread only). */
        boolean givenUp;
        private Thread worker;

        private RunningTrial(TopicPartition partition, long offset, TrialScheduled trial) {
            this.partition = partition;
            this.offset = offset;
            this.trial = trial;
        }

        static RunningTrial start(TopicPartition partition, long offset, TrialScheduled trial, TrialRunner runner) {
            RunningTrial running = new RunningTrial(partition, offset, trial);
            running.worker = new Thread(() -> {
                try {
                    running.outcome.complete(runner.run(trial, running.cancellation));
                } catch (RuntimeException | Error e) {
                    // Handed to the poll thread, which runs the trial again later.
                    running.outcome.completeExceptionally(e);
                }
            }, "trial-" + trial.studyId() + "-" + trial.trialNumber());
            running.worker.setDaemon(true);
            running.worker.start();
            return running;
        }

        void cancel() {
            cancellation.cancel();
            worker.interrupt();
        }

        /** Waits for the worker to end; returns whether it did. */
        boolean awaitEnd(Duration timeout) {
            try {
                outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (ExecutionException e) {
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return outcome.isDone();
            }
        }

        @Override
        public String toString() {
            return "study " + trial.studyId() + " trial " + trial.trialNumber() + " (" + partition + "@" + offset + ")";
        }
    }

    /** The study and trial number of a record that is not a valid TrialScheduled, where it names them. */
    private record TrialId(String studyId, int trialNumber) {

        static Optional<TrialId> of(String payload) {
            if (payload == null) {
                return Optional.empty();
            }
            try {
                JsonNode tree = Json.mapper().readTree(payload);
                JsonNode studyId = tree.path("studyId");
                JsonNode trialNumber = tree.path("trialNumber");
                if (studyId.isTextual() && !studyId.asText().isBlank() && trialNumber.canConvertToInt()
                        && trialNumber.isIntegralNumber() && trialNumber.asInt() >= 0) {
                    return Optional.of(new TrialId(studyId.asText(), trialNumber.asInt()));
                }
                return Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }
}

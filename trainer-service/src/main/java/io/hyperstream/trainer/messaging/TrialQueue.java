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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The trainer's share of the work queue: the trials topic, read through a Kafka share group
 * (KIP-932) that all trainers join, one trial at a time.
 *
 * <p>A {@link KafkaShareConsumer} acquires one record per poll, and only while this trainer is
 * idle: any idle trainer takes the next waiting trial, whatever its partition. The trial runs on
 * a worker thread while this thread holds its lease: it renews the record's acquisition lock
 * ({@link AcknowledgeType#RENEW}) every third of {@code hyperstream.trainer.lease}. Once the
 * trial's terminal event is stored on the broker the record is accepted. When the trainer stops,
 * the running trial is cancelled and its record released, so that another trainer takes it at
 * once; a trainer process that dies loses its records with its connection; one that hangs or is
 * cut off loses them when their lock expires. The record's delivery count is the attempt number
 * carried in the trial's events.
 *
 * <p>Delivery is at least once: a trial given up by its trainer runs again from the start on
 * another (with a new {@code TrialStarted} and the next attempt). A record delivered more than
 * {@code max-attempts} times is not run: its trial fails, with the reason. If an event cannot be
 * stored, the record is released and this trainer pauses before it takes another. A record that
 * is not a readable {@code TrialScheduled} goes to the dead-letter topic (plus a
 * {@code TrialFailed} when its study and trial number can be read) and is rejected.
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
    private final Duration renewInterval;

    private final AtomicLong trialsFinished = new AtomicLong();
    private final AtomicLong trialsOutOfAttempts = new AtomicLong();
    private final AtomicLong recordsDeadLettered = new AtomicLong();
    private volatile boolean running;
    private volatile RunningTrial current;
    private Thread poller;
    private KafkaShareConsumer<String, String> consumer;
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
        this.renewInterval = config.lease().dividedBy(3);
    }

    /**
     * Sets the share group's configuration, joins the group and starts taking trials.
     *
     * @throws IllegalArgumentException if the lease or max-attempts cannot be used
     * @throws IllegalStateException    if the broker refuses the group's configuration
     */
    public synchronized void start() {
        if (poller != null && poller.isAlive()) {
            return;
        }
        Map<String, String> groupConfigs = ShareGroupSetup.groupConfigs(config);
        int partitions = ShareGroupSetup.apply(clients.admin(), config.group(), groupConfigs, topics.trials());
        if (partitions > 1) {
            LOG.warnf("the trials topic %s has %d partitions: a share group gives each partition to one trainer while "
                    + "there are fewer trainers than partitions, so a waiting trial can wait for a busy trainer while "
                    + "another idles; create the topic with 1 partition (trainer-service README, The work queue)",
                    topics.trials(), partitions);
        }
        consumer = new KafkaShareConsumer<>(clients.trialConsumer(), new StringDeserializer(), new StringDeserializer());
        holdUntil = 0;
        running = true;
        poller = new Thread(this::pollLoop, "trial-queue");
        poller.start();
        LOG.infof("trainer %s takes trials from %s in share group %s (%s)", trainerId, topics.trials(), config.group(),
                groupConfigs);
    }

    /**
     * Cancels the running trial and releases it (another trainer takes it at once), accepts a
     * trial that has ended, and leaves the group.
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
                trial == null ? null : trial.attempt, trialsFinished.get(), trialsOutOfAttempts.get(),
                recordsDeadLettered.get());
    }

    private void pollLoop() {
        try {
            consumer.subscribe(List.of(topics.trials()));
            while (running) {
                try {
                    RunningTrial trial = current;
                    if (trial != null) {
                        tend(trial);
                    } else if (System.currentTimeMillis() < holdUntil) {
                        sleep(Duration.ofMillis(Math.min(config.pollTimeout().toMillis(),
                                holdUntil - System.currentTimeMillis())));
                    } else {
                        for (ConsumerRecord<String, String> record : consumer.poll(config.pollTimeout())) {
                            if (current == null) {
                                take(record);
                            } else {
                                // One record per poll is configured; should a second come, another trainer takes it.
                                acknowledge(record, AcknowledgeType.RELEASE);
                            }
                        }
                    }
                } catch (WakeupException e) {
                    // stop() woke the poll up; the loop condition decides.
                } catch (RuntimeException e) {
                    // The queue must outlive a broker outage; unacknowledged records return to the queue.
                    LOG.errorf(e, "trial queue: %s; retrying in %s", e.getMessage(), config.retryBackoff());
                    sleep(config.retryBackoff());
                }
            }
        } finally {
            leave();
        }
    }

    /** Takes a record just acquired: runs its trial, or fails or refuses it. */
    private void take(ConsumerRecord<String, String> record) {
        int attempt = record.deliveryCount().map(Short::intValue).orElse(1);
        TrialScheduled trial;
        try {
            if (record.value() == null) {
                throw new MalformedMessageException("the record has no value", null);
            }
            trial = Json.read(record.value(), TrialScheduled.class);
        } catch (MalformedMessageException e) {
            refuse(record, attempt, e.getMessage());
            return;
        }
        if (attempt > config.maxAttempts()) {
            failOutOfAttempts(record, trial, attempt);
            return;
        }
        current = RunningTrial.start(record, trial, attempt, runner, System.currentTimeMillis() + renewInterval.toMillis());
    }

    /** Fails a trial whose trainers all stopped before ending it, and accepts its record. */
    private void failOutOfAttempts(ConsumerRecord<String, String> record, TrialScheduled trial, int attempt) {
        int started = attempt - 1;
        String reason = "trial " + trial.trialNumber() + " was started " + started + (started == 1 ? " time" : " times")
                + " and its trainer stopped each time before it ended (hyperstream.trainer.max-attempts="
                + config.maxAttempts() + ")";
        try {
            publisher.publish(new TrialFailed(Events.newId(), trial.studyId(), trial.trialNumber(), Events.now(),
                    trainerId, reason, attempt));
        } catch (PublishException e) {
            releaseAndHold(record, "failing study " + trial.studyId() + " trial " + trial.trialNumber(), e);
            return;
        }
        LOG.warnf("study %s trial %d: failed on delivery %d: %s", trial.studyId(), trial.trialNumber(), attempt, reason);
        trialsOutOfAttempts.incrementAndGet();
        acknowledge(record, AcknowledgeType.ACCEPT);
    }

    /** Dead-letters a record that is not a readable trial, fails its trial if it names one, and rejects it. */
    private void refuse(ConsumerRecord<String, String> record, int attempt, String error) {
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
                        Events.now(), trainerId, "malformed trial message: " + error, attempt));
            }
        } catch (PublishException e) {
            releaseAndHold(record, "dead-lettering " + record.topic() + "-" + record.partition() + "@" + record.offset(),
                    e);
            return;
        }
        recordsDeadLettered.incrementAndGet();
        acknowledge(record, AcknowledgeType.REJECT);
    }

    /**
     * Looks after the running trial: takes its record back after a renewal, accepts or releases
     * it once the trial has ended, renews its lease when due, and otherwise waits a little for
     * the trial to end.
     */
    private void tend(RunningTrial trial) {
        if (trial.awaitingRedelivery) {
            receiveRenewed(trial, consumer.poll(config.pollTimeout()));
            return;
        }
        if (trial.outcome.isDone()) {
            settle(trial);
            return;
        }
        if (trial.leaseLost) {
            // Cancelled; another trainer has the record. This one takes nothing until the trial has stopped.
            trial.awaitEnd(config.pollTimeout());
            return;
        }
        long untilRenewal = trial.nextRenewal - System.currentTimeMillis();
        if (untilRenewal <= 0) {
            renew(trial);
        } else {
            trial.awaitEnd(Duration.ofMillis(Math.min(untilRenewal, config.pollTimeout().toMillis())));
        }
    }

    /**
     * Renews the lease of the running trial. The consumer hands a renewed record back at the next
     * poll (it must be there to be acknowledged again), so the poll follows at once; it acquires
     * nothing else. A renewal the broker refuses means the lock had expired and the trial may be
     * running elsewhere: it is cancelled here.
     */
    private void renew(RunningTrial trial) {
        consumer.acknowledge(trial.record, AcknowledgeType.RENEW);
        // From here the record can only be acknowledged again once a poll has handed it back, even
        // if the commit below fails on the way.
        trial.awaitingRedelivery = true;
        trial.renewedAt = System.currentTimeMillis();
        trial.nextRenewal = trial.renewedAt + renewInterval.toMillis();
        Optional<KafkaException> refused = resultFor(consumer.commitSync(), trial.record);
        if (refused.isPresent()) {
            LOG.warnf("%s: the broker refused to renew its lease (%s): the lock had expired and the trial is "
                    + "delivered to another trainer; cancelling it here", trial, refused.get().getMessage());
            trial.awaitingRedelivery = false;
            trial.leaseLost = true;
            trial.cancel();
            return;
        }
        receiveRenewed(trial, consumer.poll(config.pollTimeout()));
    }

    /** Takes back the renewed record of the running trial from a poll; anything else goes back to the queue. */
    private void receiveRenewed(RunningTrial trial, Iterable<ConsumerRecord<String, String>> records) {
        boolean released = false;
        for (ConsumerRecord<String, String> record : records) {
            if (record.topic().equals(trial.record.topic()) && record.partition() == trial.record.partition()
                    && record.offset() == trial.record.offset()) {
                trial.record = record;
                trial.awaitingRedelivery = false;
            } else {
                LOG.warnf("%s: got %s-%d@%d while renewing; released", trial, record.topic(), record.partition(),
                        record.offset());
                consumer.acknowledge(record, AcknowledgeType.RELEASE);
                released = true;
            }
        }
        if (released) {
            consumer.commitSync();
        }
        if (trial.awaitingRedelivery && System.currentTimeMillis() - trial.renewedAt > config.lease().toMillis()) {
            LOG.warnf("%s: its renewed record did not come back within the lease; cancelling the trial, which is "
                    + "delivered to another trainer", trial);
            trial.awaitingRedelivery = false;
            trial.leaseLost = true;
            trial.cancel();
        }
    }

    /** Acknowledges the record of the trial that ended on the worker thread. */
    private void settle(RunningTrial trial) {
        current = null;
        if (trial.leaseLost) {
            return;
        }
        Optional<TrialEvent> terminal;
        try {
            terminal = trial.outcome.join();
        } catch (CompletionException e) {
            releaseAndHold(trial.record, trial.toString(), e.getCause());
            return;
        }
        if (terminal.isEmpty()) {
            LOG.infof("%s: cancelled; released to another trainer", trial);
            acknowledge(trial.record, AcknowledgeType.RELEASE);
            return;
        }
        trialsFinished.incrementAndGet();
        acknowledge(trial.record, AcknowledgeType.ACCEPT);
    }

    /** Gives a record back to the queue after its events could not be stored, and pauses taking records. */
    private void releaseAndHold(ConsumerRecord<String, String> record, String what, Throwable error) {
        LOG.errorf(error, "%s: %s; released, and this trainer takes no trial for %s", what, error.getMessage(),
                config.retryBackoff());
        holdUntil = System.currentTimeMillis() + config.retryBackoff().toMillis();
        acknowledge(record, AcknowledgeType.RELEASE);
    }

    /** Acknowledges one record and waits for the broker's answer; a refusal is logged. */
    private void acknowledge(ConsumerRecord<String, String> record, AcknowledgeType type) {
        consumer.acknowledge(record, type);
        Optional<KafkaException> refused;
        try {
            refused = resultFor(consumer.commitSync(), record);
        } catch (WakeupException e) {
            // stop() came while acknowledging: the acknowledgement still has to reach the broker.
            refused = resultFor(consumer.commitSync(), record);
        }
        refused.ifPresent(error -> LOG.warnf("%s of %s-%d@%d was refused (%s): the record's lock had expired, so it "
                + "may be delivered again", type, record.topic(), record.partition(), record.offset(), error.getMessage()));
    }

    private static Optional<KafkaException> resultFor(Map<TopicIdPartition, Optional<KafkaException>> results,
                                                      ConsumerRecord<String, String> record) {
        return results.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(record.topic()) && e.getKey().partition() == record.partition())
                .map(Map.Entry::getValue).filter(Optional::isPresent).map(Optional::get).findFirst();
    }

    /** On the way out: cancel the running trial, accept or release its record, leave the group. */
    private void leave() {
        try {
            RunningTrial trial = current;
            if (trial != null && !trial.leaseLost) {
                if (!trial.outcome.isDone()) {
                    LOG.infof("%s: cancelled because the trainer is stopping; it will run again", trial);
                    trial.cancel();
                    trial.awaitEnd(config.cancelGrace());
                }
                takeBackRenewed(trial);
                if (!trial.awaitingRedelivery && trial.outcome.isDone()) {
                    settle(trial);
                }
            }
        } catch (KafkaException e) {
            LOG.warnf("acknowledging on the way out failed (%s): the broker returns the record to the queue",
                    e.getMessage());
        } finally {
            // Closing releases whatever this trainer still holds.
            consumer.close(Duration.ofSeconds(5));
            current = null;
            LOG.infof("trainer %s left share group %s", trainerId, config.group());
        }
    }

    /** Polls back a record handed out again after a renewal, so that it can be acknowledged (bounded). */
    private void takeBackRenewed(RunningTrial trial) {
        long deadline = System.currentTimeMillis() + config.lease().toMillis();
        while (trial.awaitingRedelivery && System.currentTimeMillis() < deadline) {
            try {
                receiveRenewed(trial, consumer.poll(config.pollTimeout()));
            } catch (WakeupException e) {
                // The wake-up of stop(); the next poll waits normally.
            }
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()));
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    /** A trial running on its own worker thread, and the lease of its record (poll thread only, but the outcome). */
    private static final class RunningTrial {

        final TrialScheduled trial;
        final int attempt;
        final Cancellation cancellation = new Cancellation();
        final CompletableFuture<Optional<TrialEvent>> outcome = new CompletableFuture<>();
        /** The record as last delivered: a renewed record must be acknowledged as handed out again. */
        ConsumerRecord<String, String> record;
        long nextRenewal;
        long renewedAt;
        /** Renewed, and not yet handed back by a poll. */
        boolean awaitingRedelivery;
        /** The broker gave the record to another trainer: nothing is acknowledged here. */
        boolean leaseLost;
        private Thread worker;

        private RunningTrial(ConsumerRecord<String, String> record, TrialScheduled trial, int attempt, long nextRenewal) {
            this.record = record;
            this.trial = trial;
            this.attempt = attempt;
            this.nextRenewal = nextRenewal;
        }

        static RunningTrial start(ConsumerRecord<String, String> record, TrialScheduled trial, int attempt,
                                  TrialRunner runner, long nextRenewal) {
            RunningTrial running = new RunningTrial(record, trial, attempt, nextRenewal);
            running.worker = new Thread(() -> {
                try {
                    running.outcome.complete(runner.run(trial, attempt, running.cancellation));
                } catch (RuntimeException | Error e) {
                    // Handed to the poll thread, which releases the record.
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
            return "study " + trial.studyId() + " trial " + trial.trialNumber() + " attempt " + attempt + " ("
                    + record.topic() + "-" + record.partition() + "@" + record.offset() + ")";
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

package io.hyperstream.pruner.messaging;

import io.hyperstream.model.Json;
import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.pruner.service.PruningService;
import io.hyperstream.service.log.LogContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads the whole study-events topic, from its beginning, without a consumer group: every pruner
 * instance knows every study's pruner and which studies have completed, whichever trial-events
 * partitions it is given. A message that cannot be read is dead-lettered if it arrived after this
 * reader started (older ones were dead-lettered by the run that first read them) and skipped.
 */
public final class StudyEventReader implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StudyEventReader.class);

    private final ReaderSettings settings;
    private final PruningService pruning;
    private final Outbox outbox;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private KafkaConsumer<String, String> consumer;
    private Thread thread;
    private volatile boolean running;

    public StudyEventReader(ReaderSettings settings, PruningService pruning, Outbox outbox) {
        this.settings = settings;
        this.pruning = pruning;
        this.outbox = outbox;
    }

    /** Starts reading from the beginning of the topic. */
    public synchronized void start() {
        Map<String, Object> props = settings.kafka().common();
        props.putAll(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-study-events",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        String topic = settings.topics().studyEvents();
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
        running = true;
        thread = new Thread(() -> loop(end), "pruner-study-events");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until the events that were on the topic when this reader started have been read. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the events on the topic at start-up have been read. */
    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Whether the reading thread runs. */
    public boolean isAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    private void loop(Map<TopicPartition, Long> startEnd) {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(settings.pollTimeout())) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    boolean old = record.offset() < startEnd.getOrDefault(tp, 0L);
                    handle(record, old);
                }
                if (caughtUp.getCount() > 0 && startEnd.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                    LOG.infof("study events read up to where they were at start-up: %s", pruning.studies().size()
                            + " studies followed");
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("the study-events reader was woken up while running", e);
            }
        } catch (RuntimeException e) {
            LOG.error("the study-events reader stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handle(ConsumerRecord<String, String> record, boolean old) {
        StudyEvent event;
        try {
            if (record.value() == null || record.value().isBlank()) {
                throw new MalformedMessageException("the message is empty", null);
            }
            event = Json.read(record.value(), StudyEvent.class);
        } catch (MalformedMessageException e) {
            if (old) {
                LOG.debugf("skipping unreadable %s-%d@%d, read before this start: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                return;
            }
            LOG.warnf("dead-lettering %s-%d@%d (key %s): %s", record.topic(), record.partition(), record.offset(),
                    record.key(), e.getMessage());
            try {
                outbox.publish(new DeadLetter(Events.newId(), record.key(), Events.now(), settings.serviceName(),
                        record.topic(), record.partition(), record.offset(), record.value(), e.getMessage()), record.key());
            } catch (RuntimeException failed) {
                LOG.errorf("could not dead-letter %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                        failed.getMessage());
            }
            return;
        }
        try {
            try (LogContext context = LogContext.study(event.studyId())) {
                pruning.onStudyEvent(event);
            }
        } catch (RuntimeException e) {
            // One study this service fails on must not stop it for the others.
            LOG.errorf(e, "failed on %s of study %s (%s-%d@%d)", event.type(), event.studyId(), record.topic(),
                    record.partition(), record.offset());
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

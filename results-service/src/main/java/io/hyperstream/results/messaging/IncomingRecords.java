package io.hyperstream.results.messaging;

import io.hyperstream.model.Json;
import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.Event;
import io.hyperstream.model.event.TrialEventBase;
import io.hyperstream.model.event.Events;
import io.hyperstream.results.metrics.ResultsMeters;
import io.hyperstream.service.TopicsConfig;
import io.hyperstream.service.log.LogContext;
import io.hyperstream.results.service.ResultsRecorder;
import io.hyperstream.results.service.StoreRetry;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Reads one record as an event and stores it; a record that cannot be read or stored becomes a
 * dead letter (stored, then published), so that one bad message never stops a channel. Returns
 * only once something is stored: the record is acknowledged after that.
 */
@Singleton
public class IncomingRecords {

    /** The service name written into dead letters. */
    public static final String SERVICE = "results-service";

    private static final Logger LOG = Logger.getLogger(IncomingRecords.class);

    private final ResultsRecorder recorder;
    private final StoreRetry retry;
    private final DeadLetterPublisher publisher;
    private final TopicsConfig topics;
    private final ResultsMeters meters;

    public IncomingRecords(ResultsRecorder recorder, StoreRetry retry, DeadLetterPublisher publisher,
                           TopicsConfig topics, ResultsMeters meters) {
        this.meters = meters;
        this.recorder = recorder;
        this.retry = retry;
        this.publisher = publisher;
        this.topics = topics;
    }

    /** Reads the record's value as {@code type} and hands it to {@code store}. */
    public <T> void accept(ConsumerRecord<String, String> record, Class<T> type, Consumer<T> store) {
        T event;
        try {
            if (record.value() == null || record.value().isBlank()) {
                throw new MalformedMessageException("the message is empty", null);
            }
            event = Json.read(record.value(), type);
        } catch (MalformedMessageException e) {
            refuse(record, e.getMessage());
            return;
        }
        try (LogContext context = logContext(event)) {
            accepted(record, type, () -> {
                store.accept(event);
                meters.ingested(event);
            });
        }
    }

    /**
     * Reads a poll's records as {@code type} and hands the readable ones to {@code store} in order,
     * one call per run of readable records; unreadable ones become dead letters in their place. When the store refuses the batch, each
     * event is stored alone, so that only the ones it refuses become dead letters.
     */
    public <T> void acceptBatch(Iterable<ConsumerRecord<String, String>> records, Class<T> type,
                                Consumer<List<T>> store) {
        List<ConsumerRecord<String, String>> sources = new ArrayList<>();
        List<T> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                if (record.value() == null || record.value().isBlank()) {
                    throw new MalformedMessageException("the message is empty", null);
                }
                events.add(Json.read(record.value(), type));
                sources.add(record);
            } catch (MalformedMessageException e) {
                // The records before it are stored first: a dead letter is written in topic order too.
                storeAll(sources, events, type, store);
                sources.clear();
                events.clear();
                refuse(record, e.getMessage());
            }
        }
        storeAll(sources, events, type, store);
    }

    private <T> void storeAll(List<ConsumerRecord<String, String>> sources, List<T> events, Class<T> type,
                              Consumer<List<T>> store) {
        if (events.isEmpty()) {
            return;
        }
        List<T> batch = List.copyOf(events);
        String what = batch.size() + " " + type.getSimpleName() + " from " + describe(sources.get(0)) + " on";
        try {
            retry.run(what, () -> store.accept(batch));
            batch.forEach(meters::ingested);
        } catch (StoreRetry.StoreInterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: could not store them together; storing them one by one", what);
            for (int i = 0; i < batch.size(); i++) {
                T event = batch.get(i);
                accepted(sources.get(i), type, () -> {
                    store.accept(List.of(event));
                    meters.ingested(event);
                });
            }
        }
    }

    private void accepted(ConsumerRecord<String, String> record, Class<?> type, Runnable store) {
        try {
            retry.run(describe(record), store);
        } catch (StoreRetry.StoreInterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            // One event the store refuses must not stop the channel for every other study.
            LOG.errorf(e, "%s: could not store %s", describe(record), type.getSimpleName());
            refuse(record, SERVICE + " could not store this event: " + e.getMessage());
        }
    }

    private void refuse(ConsumerRecord<String, String> record, String error) {
        LOG.warnf("%s (key %s) is a dead letter: %s", describe(record), record.key(), error);
        DeadLetter letter = new DeadLetter(deadLetterId(record), record.key(), Events.now(), SERVICE,
                record.topic(), record.partition(), record.offset(), record.value(), error);
        retry.run("dead letter " + letter.eventId(), () -> recorder.record(letter));
        // A dead letter about the dead-letter topic stays here: publishing it would feed it back in.
        if (!record.topic().equals(topics.deadLetters())) {
            publisher.publish(letter, record.key());
        }
    }

    private static LogContext logContext(Object event) {
        if (event instanceof TrialEventBase trial) {
            return LogContext.trial(trial.studyId(), trial.trialNumber());
        }
        return LogContext.study(event instanceof Event e ? e.studyId() : null);
    }

    /** Derived from the record's position, so that a record read twice gives one dead letter. */
    static String deadLetterId(ConsumerRecord<String, String> record) {
        String position = SERVICE + "|" + record.topic() + "|" + record.partition() + "|" + record.offset();
        return UUID.nameUUIDFromBytes(position.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String describe(ConsumerRecord<String, String> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}

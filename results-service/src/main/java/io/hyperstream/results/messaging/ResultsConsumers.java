package io.hyperstream.results.messaging;

import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.results.service.ResultsRecorder;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every topic results-service stores. The study-events and dead-letters channels handle
 * their records one at a time; the busy trials and trial-events channels take each poll's
 * records as one batch, stored with a few bulk writes. Every channel handles its records in
 * order and acknowledges them only after they are stored.
 */
@ApplicationScoped
public class ResultsConsumers {

    private final IncomingRecords incoming;
    private final ResultsRecorder recorder;

    public ResultsConsumers(IncomingRecords incoming, ResultsRecorder recorder) {
        this.incoming = incoming;
        this.recorder = recorder;
    }

    @Incoming(Channels.STUDY_EVENTS)
    @Blocking
    public void studyEvent(ConsumerRecord<String, String> record) {
        incoming.accept(record, StudyEvent.class, recorder::record);
    }

    @Incoming(Channels.TRIALS)
    @Blocking
    public void trialsScheduled(ConsumerRecords<String, String> records) {
        incoming.acceptBatch(records, TrialScheduled.class, recorder::recordScheduled);
    }

    @Incoming(Channels.TRIAL_EVENTS)
    @Blocking
    public void trialEvents(ConsumerRecords<String, String> records) {
        incoming.acceptBatch(records, TrialEvent.class, recorder::recordTrialEvents);
    }

    @Incoming(Channels.DEAD_LETTERS)
    @Blocking
    public void deadLetter(ConsumerRecord<String, String> record) {
        incoming.accept(record, DeadLetter.class, recorder::record);
    }
}

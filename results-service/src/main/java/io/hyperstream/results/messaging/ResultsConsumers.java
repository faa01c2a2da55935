package io.hyperstream.results.messaging;

import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.results.service.ResultsRecorder;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every topic results-service stores. Each channel handles its records one at a time, in
 * order, and acknowledges a record only after it is stored.
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
    public void trialScheduled(ConsumerRecord<String, String> record) {
        incoming.accept(record, TrialScheduled.class, recorder::record);
    }

    @Incoming(Channels.TRIAL_EVENTS)
    @Blocking
    public void trialEvent(ConsumerRecord<String, String> record) {
        incoming.accept(record, TrialEvent.class, recorder::record);
    }

    @Incoming(Channels.DEAD_LETTERS)
    @Blocking
    public void deadLetter(ConsumerRecord<String, String> record) {
        incoming.accept(record, DeadLetter.class, recorder::record);
    }
}

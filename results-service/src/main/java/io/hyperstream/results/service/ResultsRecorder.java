package io.hyperstream.results.service;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.UpdateOptions;
import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.StudyRejected;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.results.document.DeadLetterDoc;
import io.hyperstream.results.document.EventChanges;
import io.hyperstream.results.document.StudyDoc;
import io.hyperstream.service.log.LogContext;
import jakarta.inject.Singleton;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.jboss.logging.Logger;

/** Stores every event the service reads: studies, trials and their epochs, and dead letters. */
@Singleton
public class ResultsRecorder {

    private static final Logger LOG = Logger.getLogger(ResultsRecorder.class);

    private final ResultsDatabase database;
    private final ProgressWriter writer;
    private final TrialEventWriter trialEventWriter;
    private final TrialScheduledWriter scheduledWriter;

    public ResultsRecorder(ResultsDatabase database, ProgressWriter writer, TrialEventWriter trialEventWriter,
                           TrialScheduledWriter scheduledWriter) {
        this.database = database;
        this.writer = writer;
        this.trialEventWriter = trialEventWriter;
        this.scheduledWriter = scheduledWriter;
    }

    /**
     * Stores a study's acceptance, rejection or completion. A rejection of a second submission
     * with the study's id (flagged {@code duplicate} by the sampler, or any rejection of a study
     * that was accepted) leaves the study as it is and is listed in its duplicate submissions.
     */
    public void record(StudyEvent event) {
        if (event instanceof StudyRejected rejected && recordedAsDuplicate(rejected)) {
            LOG.infof("study %s: a second submission was rejected (%s); the study is unchanged",
                    event.studyId(), rejected.reason());
            return;
        }
        boolean advanced = writer.apply(database.studies(), EventChanges.of(event));
        LOG.infof("study %s: %s %s", event.studyId(), event.type(), advanced ? "stored" : "already superseded");
    }

    private boolean recordedAsDuplicate(StudyRejected rejected) {
        Document study = new Document(StudyDoc.ID, rejected.studyId());
        if (!rejected.duplicate()) {
            // Rejections from samplers that did not flag duplicates: an accepted study is never rejected.
            study.append(StudyDoc.ACCEPTED_AT, new Document("$exists", true));
        }
        // $addToSet of the same fields keeps one entry when the rejection is read again.
        Document entry = new Document(StudyDoc.DUPLICATE_EVENT_ID, rejected.eventId())
                .append(StudyDoc.REASON, rejected.reason())
                .append(StudyDoc.REJECTED_AT, Date.from(rejected.timestamp()));
        return database.studies().updateOne(study,
                new Document("$addToSet", new Document(StudyDoc.DUPLICATE_SUBMISSIONS, entry))).getMatchedCount() > 0;
    }

    /** Stores a scheduled trial (WAITING unless it is already further along). */
    public void record(TrialScheduled event) {
        recordScheduled(List.of(event));
    }

    /** Stores scheduled trials, read together from the trials topic. */
    public void recordScheduled(List<TrialScheduled> events) {
        scheduledWriter.write(events);
        LOG.debugf("%d TrialScheduled stored", events.size());
    }

    /** Stores a trainer's event about a trial. */
    public void record(TrialEvent event) {
        recordTrialEvents(List.of(event));
    }

    /** Stores trainers' events, in the order of their partitions (see {@link TrialEventWriter}). */
    public void recordTrialEvents(List<TrialEvent> events) {
        trialEventWriter.write(events);
        for (TrialEvent event : events) {
            if (event.isTerminal()) {
                // A batch holds many trials: each line carries its own in the logging context.
                try (LogContext context = LogContext.trial(event.studyId(), event.trialNumber())) {
                    LOG.debugf("study %s trial %d: %s stored", event.studyId(), event.trialNumber(), event.type());
                }
            }
        }
        LOG.debugf("%d trial events stored", events.size());
    }

    /** Stores a dead letter once, by its eventId; a replay keeps the first copy. */
    public void record(DeadLetter letter) {
        try {
            database.deadLetters().updateOne(new Document(DeadLetterDoc.ID, letter.eventId()),
                    new Document("$setOnInsert", EventChanges.of(letter)), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // Two copies inserted at once (read from the topic while this service stored its own): one is enough.
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        LOG.debugf("dead letter %s from %s (%s) stored", letter.eventId(), letter.service(), letter.sourceTopic());
    }
}

package io.hyperstream.results.service;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.UpdateOptions;
import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.StudyRejected;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.results.document.DeadLetterDoc;
import io.hyperstream.results.document.EventChanges;
import io.hyperstream.results.document.StateChange;
import io.hyperstream.results.document.StudyDoc;
import jakarta.inject.Singleton;
import java.util.Date;
import org.bson.Document;
import org.jboss.logging.Logger;

/** Stores every event the service reads: studies, trials and their epochs, and dead letters. */
@Singleton
public class ResultsRecorder {

    private static final Logger LOG = Logger.getLogger(ResultsRecorder.class);

    private final ResultsDatabase database;
    private final ProgressWriter writer;

    public ResultsRecorder(ResultsDatabase database, ProgressWriter writer) {
        this.database = database;
        this.writer = writer;
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
        boolean advanced = writer.apply(database.trials(), EventChanges.of(event));
        LOG.debugf("study %s trial %d: TrialScheduled %s", event.studyId(), event.trialNumber(),
                advanced ? "stored" : "merged into a later state");
    }

    /** Stores a trainer's event about a trial. */
    public void record(TrialEvent event) {
        StateChange change = EventChanges.of(event);
        boolean advanced = writer.apply(database.trials(), change);
        if (event instanceof EpochReported epoch) {
            LOG.debugf("study %s trial %d: epoch %d stored", event.studyId(), event.trialNumber(), epoch.epoch());
        } else if (event.isTerminal()) {
            LOG.infof("study %s trial %d: %s %s", event.studyId(), event.trialNumber(), event.type(),
                    advanced ? "stored" : "ignored, the trial had already finished");
        } else {
            LOG.debugf("study %s trial %d: %s %s", event.studyId(), event.trialNumber(), event.type(),
                    advanced ? "stored" : "merged into a later state");
        }
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

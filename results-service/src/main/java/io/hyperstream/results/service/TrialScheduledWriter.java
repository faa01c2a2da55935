package io.hyperstream.results.service;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.results.document.EventChanges;
import io.hyperstream.results.document.StudyStatsDoc;
import io.hyperstream.results.document.TrialDoc;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Stores a batch of scheduled trials with two bulk writes: each trial's parameters, seed and
 * scheduling time (an upsert that makes a new trial WAITING and leaves a further one as it is),
 * then each study's highest trial number and stats version.
 */
@Singleton
public class TrialScheduledWriter {

    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final ResultsDatabase database;

    public TrialScheduledWriter(ResultsDatabase database) {
        this.database = database;
    }

    /** Stores the scheduled trials. */
    public void write(List<TrialScheduled> events) {
        if (events.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> trials = new ArrayList<>();
        Map<String, Integer> maxNumbers = new LinkedHashMap<>();
        for (TrialScheduled e : events) {
            trials.add(new UpdateOneModel<>(new Document(TrialDoc.ID, TrialDoc.id(e.studyId(), e.trialNumber())),
                    EventChanges.scheduledUpsert(e), UPSERT));
            maxNumbers.merge(e.studyId(), e.trialNumber(), Math::max);
        }
        upsertAll(database.trials(), trials);
        List<WriteModel<Document>> stats = new ArrayList<>();
        maxNumbers.forEach((studyId, max) -> stats.add(new UpdateOneModel<>(new Document(StudyStatsDoc.ID, studyId),
                new Document("$max", new Document(StudyStatsDoc.MAX_TRIAL_NUMBER, max))
                        .append("$inc", new Document(StudyStatsDoc.VERSION, 1L)), UPSERT)));
        upsertAll(database.studyStats(), stats);
    }

    /**
     * Runs upserts by id; one that met a concurrent insert of the same id (a duplicate key) finds
     * the document the second time. Only those run again: the others must not be applied twice.
     */
    private static void upsertAll(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        try {
            collection.bulkWrite(writes, UNORDERED);
        } catch (MongoBulkWriteException e) {
            boolean onlyRaces = e.getWriteErrors().stream()
                    .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyRaces) {
                throw e;
            }
            List<WriteModel<Document>> again = new ArrayList<>();
            e.getWriteErrors().forEach(error -> again.add(writes.get(error.getIndex())));
            collection.bulkWrite(again, UNORDERED);
        }
    }
}

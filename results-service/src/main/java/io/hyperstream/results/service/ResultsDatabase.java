package io.hyperstream.results.service;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import io.hyperstream.results.config.ResultsConfig;
import io.hyperstream.results.document.DeadLetterDoc;
import io.hyperstream.results.document.StudyDoc;
import io.hyperstream.results.document.StudyStatsDoc;
import io.hyperstream.results.document.TrialDoc;
import io.hyperstream.results.document.TrialEpochsDoc;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import org.bson.Document;
import org.jboss.logging.Logger;

/** The service's MongoDB collections; creates their indexes at start-up, before any event is read. */
@Singleton
public class ResultsDatabase {

    private static final Logger LOG = Logger.getLogger(ResultsDatabase.class);

    private final MongoDatabase database;

    public ResultsDatabase(MongoClient client, ResultsConfig config) {
        this.database = client.getDatabase(config.database());
    }

    public MongoCollection<Document> studies() {
        return database.getCollection(StudyDoc.COLLECTION);
    }

    public MongoCollection<Document> trials() {
        return database.getCollection(TrialDoc.COLLECTION);
    }

    public MongoCollection<Document> deadLetters() {
        return database.getCollection(DeadLetterDoc.COLLECTION);
    }

    /** Per-trial epoch results ({@link TrialEpochsDoc}). */
    public MongoCollection<Document> trialEpochs() {
        return database.getCollection(TrialEpochsDoc.COLLECTION);
    }

    /** Per-study aggregates ({@link StudyStatsDoc}). */
    public MongoCollection<Document> studyStats() {
        return database.getCollection(StudyStatsDoc.COLLECTION);
    }

    /** A collection of this database by name. */
    public MongoCollection<Document> collection(String name) {
        return database.getCollection(name);
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        createIndexes();
        LOG.infof("MongoDB database %s ready", database.getName());
    }

    /**
     * Creates the indexes (idempotent). mongo-java-server serves queries whose keys are exactly
     * those of a unique index (equality or {@code $in}) from it and ignores the non-unique ones:
     * {@code (_id, stateRank)} serves the rank-guarded trial updates there.
     */
    public void createIndexes() {
        trials().createIndex(new Document(TrialDoc.STUDY_ID, 1).append(TrialDoc.NUMBER, 1),
                new IndexOptions().unique(true).name("studyId_number_unique"));
        trials().createIndex(new Document(TrialDoc.ID, 1).append(TrialDoc.STATE_RANK, 1),
                new IndexOptions().unique(true).name("id_stateRank_unique"));
        trialEpochs().createIndex(new Document(TrialEpochsDoc.STUDY_ID, 1).append(TrialEpochsDoc.NUMBER, 1),
                new IndexOptions().name("studyId_number"));
        trials().createIndex(new Document(TrialDoc.STUDY_ID, 1).append(TrialDoc.STATE, 1).append(TrialDoc.NUMBER, 1),
                new IndexOptions().name("studyId_state_number"));
        trials().createIndex(new Document(TrialDoc.STUDY_ID, 1).append(TrialDoc.STATE, 1).append(TrialDoc.VALUE, 1),
                new IndexOptions().name("studyId_state_value"));
        studies().createIndex(new Document(StudyDoc.CREATED_AT, -1), new IndexOptions().name("createdAt"));
        studies().createIndex(new Document(StudyDoc.STATE, 1).append(StudyDoc.CREATED_AT, -1),
                new IndexOptions().name("state_createdAt"));
        deadLetters().createIndex(new Document(DeadLetterDoc.TIMESTAMP, -1), new IndexOptions().name("timestamp"));
    }
}

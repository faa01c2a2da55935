package io.hyperstream.results.service;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import io.hyperstream.results.document.StateChange;
import jakarta.inject.Singleton;
import org.bson.Document;

/**
 * Applies {@link StateChange}s so that a document's state only moves forward, with single-document
 * writes only (no transactions: mongo-java-server has none). Replayed, duplicated and reordered
 * events leave the document as the furthest state left it, and two services writing the same
 * trial at once cannot step it back.
 */
@Singleton
public class ProgressWriter {

    /** After a lost insert race the document exists, so the second round always decides. */
    private static final int ROUNDS = 3;

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    /**
     * Applies a change to one document of the collection.
     *
     * @return true if the event moved the document to its state, false if the document was
     *     already at or beyond it (then only the enrichment was applied)
     */
    public boolean apply(MongoCollection<Document> collection, StateChange change) {
        for (int round = 0; round < ROUNDS; round++) {
            if (change.expectAdvance()) {
                if (advanceExisting(collection, change)) {
                    return true;
                }
                if (enrichFurther(collection, change)) {
                    return false;
                }
            } else {
                if (enrichFurther(collection, change)) {
                    return false;
                }
                if (advanceExisting(collection, change)) {
                    return true;
                }
            }
            // Neither matched: the document did not exist. Insert it; the filter's rank condition
            // turns a concurrent insert into a duplicate-key error rather than a second document.
            try {
                collection.updateOne(change.belowRank(), change.advancingUpdate(), UPSERT);
                return true;
            } catch (MongoWriteException e) {
                if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
        throw new IllegalStateException("document " + change.id() + " in " + collection.getNamespace()
                + " could not be updated: it kept appearing and disappearing");
    }

    private static boolean advanceExisting(MongoCollection<Document> collection, StateChange change) {
        return collection.updateOne(change.belowRank(), change.advancingUpdate()).getMatchedCount() > 0;
    }

    private static boolean enrichFurther(MongoCollection<Document> collection, StateChange change) {
        // Ranks only grow, so a document at or beyond the rank now stays there: enrichment is final.
        return collection.updateOne(change.atOrAboveRank(), change.enrichingUpdate()).getMatchedCount() > 0;
    }
}

package io.hyperstream.results.service;

import io.hyperstream.results.document.BsonValues;
import io.hyperstream.results.document.DeadLetterDoc;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** Reads the stored dead letters, newest first. */
@Singleton
public class DeadLetterQueries {

    private final ResultsDatabase database;

    public DeadLetterQueries(ResultsDatabase database) {
        this.database = database;
    }

    /** A page of dead letters, newest first, optionally only those of one service. */
    public Page<DeadLetterView> page(String service, int page, int size) {
        Document filter = service == null ? new Document() : new Document(DeadLetterDoc.SERVICE, service);
        long total = database.deadLetters().countDocuments(filter);
        long skip = (long) page * size;
        List<DeadLetterView> items = new ArrayList<>();
        if (skip < total) {
            for (Document d : database.deadLetters().find(filter)
                    .sort(new Document(DeadLetterDoc.TIMESTAMP, -1).append(DeadLetterDoc.ID, 1))
                    .skip((int) skip).limit(size)) {
                items.add(new DeadLetterView(d.getString(DeadLetterDoc.ID), d.getString(DeadLetterDoc.STUDY_ID),
                        BsonValues.instant(d.get(DeadLetterDoc.TIMESTAMP)), d.getString(DeadLetterDoc.SERVICE),
                        d.getString(DeadLetterDoc.SOURCE_TOPIC), BsonValues.integer(d.get(DeadLetterDoc.PARTITION)),
                        BsonValues.longValue(d.get(DeadLetterDoc.OFFSET)), d.getString(DeadLetterDoc.PAYLOAD),
                        d.getString(DeadLetterDoc.ERROR)));
            }
        }
        return new Page<>(page, size, total, items);
    }
}

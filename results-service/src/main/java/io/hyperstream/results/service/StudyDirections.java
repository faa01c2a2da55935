package io.hyperstream.results.service;

import io.hyperstream.model.spec.Direction;
import io.hyperstream.results.document.StudyDoc;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;

/**
 * The directions of studies, read once from the studies collection: an accepted study's spec
 * never changes, so the writers that rank trials need not read it for every batch.
 */
@Singleton
public class StudyDirections {

    private final ResultsDatabase database;
    private final Map<String, List<Direction>> known = new ConcurrentHashMap<>();

    public StudyDirections(ResultsDatabase database) {
        this.database = database;
    }

    /** The directions of each study; an empty list for a study not accepted (or not read) yet. */
    public Map<String, List<Direction>> of(Collection<String> studyIds) {
        Map<String, List<Direction>> result = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : studyIds) {
            List<Direction> directions = known.get(id);
            if (directions != null) {
                result.put(id, directions);
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            Document filter = new Document(StudyDoc.ID, missing.size() == 1 ? missing.get(0)
                    : new Document("$in", missing));
            for (Document d : database.studies().find(filter).projection(new Document(StudyDoc.DIRECTIONS, 1))) {
                List<Direction> directions = StudyDoc.directions(d);
                if (!directions.isEmpty()) {
                    known.put(d.getString(StudyDoc.ID), directions);
                    result.put(d.getString(StudyDoc.ID), directions);
                }
            }
            missing.forEach(id -> result.putIfAbsent(id, List.of()));
        }
        return result;
    }
}

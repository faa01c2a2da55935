package io.hyperstream.results.service;

import io.hyperstream.model.StudyState;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.results.document.BsonValues;
import io.hyperstream.results.document.StudyDoc;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/** Reads studies with their trial counts and best results. */
@Singleton
public class StudyQueries {

    private final ResultsDatabase database;
    private final TrialQueries trials;

    public StudyQueries(ResultsDatabase database, TrialQueries trials) {
        this.database = database;
        this.trials = trials;
    }

    /** The newest studies first, optionally only those in one state. */
    public List<StudySummary> list(StudyState state, int limit) {
        Document filter = state == null ? new Document() : new Document(StudyDoc.STATE, state.name());
        List<Document> studies = database.studies().find(filter)
                .sort(new Document(StudyDoc.CREATED_AT, -1).append(StudyDoc.ID, 1))
                .limit(limit).into(new ArrayList<>());
        if (studies.isEmpty()) {
            return List.of();
        }
        List<String> ids = studies.stream().map(d -> d.getString(StudyDoc.ID)).toList();
        Map<String, TrialCounts> counts = trials.counts(ids);
        Map<String, double[]> ranges = trials.valueRanges(ids);
        List<StudySummary> result = new ArrayList<>(studies.size());
        for (Document d : studies) {
            String id = d.getString(StudyDoc.ID);
            List<Direction> directions = StudyDoc.directions(d);
            double[] range = ranges.get(id);
            Double best = range == null || directions.size() != 1 ? null
                    : directions.get(0) == Direction.MINIMIZE ? range[0] : range[1];
            result.add(new StudySummary(id, d.getString(StudyDoc.NAME), state(d), directions,
                    counts.getOrDefault(id, TrialCounts.NONE), best, BsonValues.instant(d.get(StudyDoc.CREATED_AT))));
        }
        return result;
    }

    /** One study with its counts and best trial. */
    public Optional<StudyDetail> find(String studyId) {
        Document d = database.studies().find(new Document(StudyDoc.ID, studyId)).first();
        if (d == null) {
            return Optional.empty();
        }
        List<Direction> directions = StudyDoc.directions(d);
        List<BestTrial> bestTrials = trials.paretoFront(studyId, directions);
        BestTrial best = directions.size() == 1 && !bestTrials.isEmpty() ? bestTrials.get(0) : null;
        return Optional.of(new StudyDetail(studyId, d.getString(StudyDoc.NAME), state(d),
                d.getString(StudyDoc.REASON), BsonValues.map(d.get(StudyDoc.SPEC)), directions,
                trials.counts(studyId), best, bestTrials, BsonValues.integer(d.get(StudyDoc.FINISHED_TRIALS)),
                BsonValues.instant(d.get(StudyDoc.CREATED_AT)), BsonValues.instant(d.get(StudyDoc.ACCEPTED_AT)),
                BsonValues.instant(d.get(StudyDoc.REJECTED_AT)), BsonValues.instant(d.get(StudyDoc.COMPLETED_AT)),
                duplicates(d)));
    }

    /** The Pareto front of a study (see {@link StudyDetail#bestTrials()}); empty if the study is unknown. */
    public Optional<List<BestTrial>> paretoFront(String studyId) {
        Document d = database.studies().find(new Document(StudyDoc.ID, studyId))
                .projection(new Document(StudyDoc.DIRECTIONS, 1)).first();
        return d == null ? Optional.empty() : Optional.of(trials.paretoFront(studyId, StudyDoc.directions(d)));
    }

    /** Whether the service has read any event of the study. */
    public boolean exists(String studyId) {
        return database.studies().find(new Document(StudyDoc.ID, studyId))
                .projection(new Document(StudyDoc.ID, 1)).first() != null;
    }

    private static List<DuplicateSubmission> duplicates(Document study) {
        List<?> stored = study.get(StudyDoc.DUPLICATE_SUBMISSIONS, List.class);
        if (stored == null) {
            return List.of();
        }
        return stored.stream().map(Document.class::cast)
                .map(e -> new DuplicateSubmission(e.getString(StudyDoc.DUPLICATE_EVENT_ID), e.getString(StudyDoc.REASON),
                        BsonValues.instant(e.get(StudyDoc.REJECTED_AT))))
                .toList();
    }

    private static StudyState state(Document d) {
        return StudyState.valueOf(d.getString(StudyDoc.STATE));
    }
}

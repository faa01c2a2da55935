package io.hyperstream.results.service;

import io.hyperstream.model.StudyState;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.results.document.BsonValues;
import io.hyperstream.results.document.StudyDoc;
import io.hyperstream.results.document.StudyStatsDoc;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;

/** Reads studies with their trial counts and best results, from the studies and their stored aggregates. */
@Singleton
public class StudyQueries {

    private static final Document LIST_PROJECTION = new Document(StudyDoc.SPEC, 0)
            .append(StudyDoc.DUPLICATE_SUBMISSIONS, 0);

    private final ResultsDatabase database;
    private final TrialQueries trials;

    public StudyQueries(ResultsDatabase database, TrialQueries trials) {
        this.database = database;
        this.trials = trials;
    }

    /**
     * A page of studies, newest first, optionally only those in one state and those whose name
     * contains {@code name} (any case).
     */
    public Page<StudySummary> list(StudyState state, String name, int page, int size) {
        Document filter = new Document();
        if (state != null) {
            filter.append(StudyDoc.STATE, state.name());
        }
        if (name != null) {
            filter.append(StudyDoc.NAME, new Document("$regex", Pattern.quote(name)).append("$options", "i"));
        }
        long total = database.studies().countDocuments(filter);
        long skip = (long) page * size;
        List<StudySummary> items = new ArrayList<>();
        if (skip < total) {
            List<Document> studies = database.studies().find(filter).projection(LIST_PROJECTION)
                    .sort(new Document(StudyDoc.CREATED_AT, -1).append(StudyDoc.ID, 1))
                    .skip((int) skip).limit(size).into(new ArrayList<>());
            Map<String, StudyStats> stats = stats(studies.stream().map(d -> d.getString(StudyDoc.ID)).toList());
            for (Document d : studies) {
                String id = d.getString(StudyDoc.ID);
                List<Direction> directions = StudyDoc.directions(d);
                StudyStats s = stats.getOrDefault(id, StudyStats.NONE);
                Double best = directions.size() == 1 && !s.front().isEmpty() && !s.frontStale()
                        ? s.front().get(0).values().get(0) : null;
                items.add(new StudySummary(id, d.getString(StudyDoc.NAME), state(d), directions, s.counts(), best,
                        BsonValues.instant(d.get(StudyDoc.CREATED_AT))));
            }
        }
        return new Page<>(page, size, total, items);
    }

    /** One study with its counts, best trial(s) and null-accuracy baseline. */
    public Optional<StudyDetail> find(String studyId) {
        Optional<Document> found = document(studyId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Document d = found.get();
        List<Direction> directions = StudyDoc.directions(d);
        StudyStats stats = stats(studyId);
        List<BestTrial> bestTrials = bestTrials(studyId, directions, stats);
        BestTrial best = directions.size() == 1 && !bestTrials.isEmpty() ? bestTrials.get(0) : null;
        return Optional.of(new StudyDetail(studyId, d.getString(StudyDoc.NAME), state(d),
                d.getString(StudyDoc.REASON), BsonValues.map(d.get(StudyDoc.SPEC)), directions,
                stats.counts(), best, bestTrials, stats.nullAccuracy(), BsonValues.integer(d.get(StudyDoc.FINISHED_TRIALS)),
                BsonValues.instant(d.get(StudyDoc.CREATED_AT)), BsonValues.instant(d.get(StudyDoc.ACCEPTED_AT)),
                BsonValues.instant(d.get(StudyDoc.REJECTED_AT)), BsonValues.instant(d.get(StudyDoc.COMPLETED_AT)),
                duplicates(d)));
    }

    /** The Pareto front of a study (see {@link StudyDetail#bestTrials()}); empty if the study is unknown. */
    public Optional<List<BestTrial>> paretoFront(String studyId) {
        return document(studyId).map(d -> bestTrials(studyId, StudyDoc.directions(d), stats(studyId)));
    }

    /**
     * The best trials with their parameters: the stored front, or, while it is stale (trials
     * completed before the study's directions were read), one computed from the trials.
     */
    private List<BestTrial> bestTrials(String studyId, List<Direction> directions, StudyStats stats) {
        if (directions.isEmpty()) {
            return List.of();
        }
        if (stats.frontStale()) {
            return trials.paretoFront(studyId, directions);
        }
        return trials.withParams(studyId, stats.front());
    }

    /** The stored study document, if the service has read any event of the study. */
    public Optional<Document> document(String studyId) {
        return Optional.ofNullable(database.studies().find(new Document(StudyDoc.ID, studyId)).first());
    }

    /** Whether the service has read any event of the study. */
    public boolean exists(String studyId) {
        return database.studies().find(new Document(StudyDoc.ID, studyId))
                .projection(new Document(StudyDoc.ID, 1)).first() != null;
    }

    /** The stored aggregates of a study ({@link StudyStats#NONE} before its first trial). */
    public StudyStats stats(String studyId) {
        return StudyStats.from(database.studyStats().find(new Document(StudyStatsDoc.ID, studyId)).first());
    }

    private Map<String, StudyStats> stats(List<String> studyIds) {
        Map<String, StudyStats> result = new HashMap<>();
        if (!studyIds.isEmpty()) {
            for (Document d : database.studyStats().find(TrialEventWriter.idFilter(studyIds))) {
                result.put(d.getString(StudyStatsDoc.ID), StudyStats.from(d));
            }
        }
        return result;
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

    /** The state of a stored study document. */
    public static StudyState state(Document d) {
        return StudyState.valueOf(d.getString(StudyDoc.STATE).toUpperCase(Locale.ROOT));
    }
}

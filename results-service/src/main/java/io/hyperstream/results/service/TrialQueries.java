package io.hyperstream.results.service;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.results.document.BsonValues;
import io.hyperstream.results.document.EpochHistory;
import io.hyperstream.results.document.TrialDoc;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/** Reads trials: pages, single trials with their history, counts by state, best values and Pareto fronts. */
@Singleton
public class TrialQueries {

    /** A page of trials leaves out the epoch maps, which can be long. */
    private static final Document SUMMARY_PROJECTION = new Document(TrialDoc.INTERMEDIATE, 0)
            .append(TrialDoc.EPOCH_METRICS, 0).append(TrialDoc.EPOCH_ATTEMPTS, 0);

    private static final Document BEST_PROJECTION = new Document(TrialDoc.NUMBER, 1)
            .append(TrialDoc.VALUES, 1).append(TrialDoc.PARAMS, 1);

    private final ResultsDatabase database;

    public TrialQueries(ResultsDatabase database) {
        this.database = database;
    }

    /** Trials of a study sorted by number, optionally only those in one state. */
    public Page<TrialSummary> page(String studyId, TrialState state, int page, int size) {
        Document filter = new Document(TrialDoc.STUDY_ID, studyId);
        if (state != null) {
            filter.append(TrialDoc.STATE, state.name());
        }
        long total = database.trials().countDocuments(filter);
        long skip = (long) page * size;
        List<TrialSummary> items = new ArrayList<>();
        if (skip < total) {
            for (Document d : database.trials().find(filter).projection(SUMMARY_PROJECTION)
                    .sort(new Document(TrialDoc.NUMBER, 1)).skip((int) skip).limit(size)) {
                items.add(summary(d));
            }
        }
        return new Page<>(page, size, total, items);
    }

    /** One trial with its epoch history. */
    public Optional<TrialDetail> find(String studyId, int number) {
        Document d = database.trials().find(new Document(TrialDoc.ID, TrialDoc.id(studyId, number))).first();
        if (d == null) {
            return Optional.empty();
        }
        return Optional.of(new TrialDetail(d.getString(TrialDoc.STUDY_ID), number, state(d),
                BsonValues.map(d.get(TrialDoc.PARAMS)), BsonValues.doubles(d.get(TrialDoc.VALUES)),
                BsonValues.doubleMap(d.get(TrialDoc.METRICS)), BsonValues.integer(d.get(TrialDoc.EPOCHS)),
                BsonValues.integer(d.get(TrialDoc.PRUNED_AT_EPOCH)), d.getString(TrialDoc.REASON),
                d.getString(TrialDoc.TRAINER_ID), BsonValues.longValue(d.get(TrialDoc.SEED)),
                d.getBoolean(TrialDoc.PRUNING), BsonValues.instant(d.get(TrialDoc.SCHEDULED_AT)),
                BsonValues.instant(d.get(TrialDoc.STARTED_AT)), BsonValues.instant(d.get(TrialDoc.FINISHED_AT)),
                BsonValues.integer(d.get(TrialDoc.ATTEMPT)), EpochHistory.of(d)));
    }

    /** Trial counts by state of one study. */
    public TrialCounts counts(String studyId) {
        return counts(List.of(studyId)).getOrDefault(studyId, TrialCounts.NONE);
    }

    /** Trial counts by state of several studies; studies without trials are left out. */
    public Map<String, TrialCounts> counts(Collection<String> studyIds) {
        Map<String, Map<String, Long>> byStudy = new HashMap<>();
        List<Document> pipeline = List.of(
                new Document("$match", studyFilter(studyIds)),
                new Document("$group", new Document("_id", new Document("studyId", "$" + TrialDoc.STUDY_ID)
                        .append("state", "$" + TrialDoc.STATE))
                        .append("n", new Document("$sum", 1))));
        for (Document row : database.trials().aggregate(pipeline)) {
            Document key = row.get("_id", Document.class);
            byStudy.computeIfAbsent(key.getString("studyId"), k -> new HashMap<>())
                    .put(key.getString("state"), ((Number) row.get("n")).longValue());
        }
        Map<String, TrialCounts> result = new HashMap<>();
        byStudy.forEach((id, states) -> result.put(id, TrialCounts.of(states)));
        return result;
    }

    /** The best complete trial of a study in a direction; ties go to the earlier trial. */
    public Optional<BestTrial> best(String studyId, Direction direction) {
        Document d = database.trials().find(completeWithValue(List.of(studyId)))
                .sort(new Document(TrialDoc.VALUE, direction == Direction.MINIMIZE ? 1 : -1).append(TrialDoc.NUMBER, 1))
                .limit(1).first();
        if (d == null) {
            return Optional.empty();
        }
        return Optional.of(new BestTrial(d.getInteger(TrialDoc.NUMBER), BsonValues.doubles(d.get(TrialDoc.VALUES)),
                BsonValues.map(d.get(TrialDoc.PARAMS))));
    }

    /**
     * The non-dominated complete trials of a study, by number (see {@link ParetoFront}); with one
     * direction, those that share the best value.
     */
    public List<BestTrial> paretoFront(String studyId, List<Direction> directions) {
        if (directions.isEmpty()) {
            return List.of();
        }
        if (directions.size() == 1) {
            return best(studyId, directions.get(0)).map(best -> bestTrials(completeWithValue(List.of(studyId))
                    .append(TrialDoc.VALUE, best.values().get(0)))).orElse(List.of());
        }
        Document complete = studyFilter(List.of(studyId)).append(TrialDoc.STATE, TrialState.COMPLETE.name());
        return ParetoFront.of(bestTrials(complete), directions);
    }

    private List<BestTrial> bestTrials(Document filter) {
        List<BestTrial> result = new ArrayList<>();
        for (Document d : database.trials().find(filter).projection(BEST_PROJECTION).sort(new Document(TrialDoc.NUMBER, 1))) {
            result.add(new BestTrial(d.getInteger(TrialDoc.NUMBER), BsonValues.doubles(d.get(TrialDoc.VALUES)),
                    BsonValues.map(d.get(TrialDoc.PARAMS))));
        }
        return result;
    }

    /** The lowest and highest final value among complete trials, per study; studies without one are left out. */
    public Map<String, double[]> valueRanges(Collection<String> studyIds) {
        Map<String, double[]> result = new HashMap<>();
        List<Document> pipeline = List.of(
                new Document("$match", completeWithValue(studyIds)),
                new Document("$group", new Document("_id", "$" + TrialDoc.STUDY_ID)
                        .append("min", new Document("$min", "$" + TrialDoc.VALUE))
                        .append("max", new Document("$max", "$" + TrialDoc.VALUE))));
        for (Document row : database.trials().aggregate(pipeline)) {
            result.put(row.getString("_id"), new double[] {
                ((Number) row.get("min")).doubleValue(), ((Number) row.get("max")).doubleValue()});
        }
        return result;
    }

    private static Document studyFilter(Collection<String> studyIds) {
        // A plain equality for the one-study queries of the detail pages (no $in, no $and), per the platform notes.
        return studyIds.size() == 1
                ? new Document(TrialDoc.STUDY_ID, studyIds.iterator().next())
                : new Document(TrialDoc.STUDY_ID, new Document("$in", new ArrayList<>(studyIds)));
    }

    private static Document completeWithValue(Collection<String> studyIds) {
        return studyFilter(studyIds).append(TrialDoc.STATE, TrialState.COMPLETE.name())
                .append(TrialDoc.VALUE, new Document("$exists", true));
    }

    private static TrialSummary summary(Document d) {
        return new TrialSummary(d.getInteger(TrialDoc.NUMBER), state(d), BsonValues.map(d.get(TrialDoc.PARAMS)),
                BsonValues.doubles(d.get(TrialDoc.VALUES)), BsonValues.doubleMap(d.get(TrialDoc.METRICS)),
                BsonValues.integer(d.get(TrialDoc.LAST_EPOCH)), BsonValues.integer(d.get(TrialDoc.PRUNED_AT_EPOCH)),
                d.getString(TrialDoc.REASON), d.getString(TrialDoc.TRAINER_ID),
                BsonValues.instant(d.get(TrialDoc.SCHEDULED_AT)), BsonValues.instant(d.get(TrialDoc.STARTED_AT)),
                BsonValues.instant(d.get(TrialDoc.FINISHED_AT)));
    }

    private static TrialState state(Document d) {
        return TrialState.valueOf(d.getString(TrialDoc.STATE));
    }
}

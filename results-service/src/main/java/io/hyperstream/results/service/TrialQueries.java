package io.hyperstream.results.service;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.results.document.BsonValues;
import io.hyperstream.results.document.EpochHistory;
import io.hyperstream.results.document.TrialDoc;
import io.hyperstream.results.document.TrialEpochsDoc;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/** Reads trials: pages, single trials with their history, and the parameters of best trials. */
@Singleton
public class TrialQueries {

    /** Everything a page shows; the counted state is bookkeeping. */
    private static final Document SUMMARY_PROJECTION = new Document(TrialDoc.COUNTED_STATE, 0);

    private static final Document BEST_PROJECTION = new Document(TrialDoc.NUMBER, 1)
            .append(TrialDoc.VALUES, 1).append(TrialDoc.PARAMS, 1);

    private final ResultsDatabase database;
    private final TrialIndexCache indexes;

    public TrialQueries(ResultsDatabase database, TrialIndexCache indexes) {
        this.database = database;
        this.indexes = indexes;
    }

    /**
     * A page of a study's trials, from the study's index (as of the stats' version): no trial
     * document is read unless the index must be rebuilt.
     */
    public Page<TrialSummary> page(String studyId, StudyStats stats, TrialQuery query) {
        List<TrialRow> selected = index(studyId, stats).select(query);
        long skip = (long) query.page() * query.size();
        List<TrialSummary> items = new ArrayList<>();
        if (skip < selected.size()) {
            for (TrialRow row : selected.subList((int) skip, (int) Math.min(selected.size(), skip + query.size()))) {
                items.add(row.summary());
            }
        }
        return new Page<>(query.page(), query.size(), selected.size(), items);
    }

    /** Every trial of a study as an index row, by number. */
    public List<TrialRow> rows(String studyId, StudyStats stats) {
        return index(studyId, stats).rows();
    }

    private TrialIndex index(String studyId, StudyStats stats) {
        return indexes.get(studyId, stats.version());
    }

    /** One trial with its epoch history. */
    public Optional<TrialDetail> find(String studyId, int number) {
        String id = TrialDoc.id(studyId, number);
        Document d = database.trials().find(new Document(TrialDoc.ID, id)).projection(SUMMARY_PROJECTION).first();
        if (d == null) {
            return Optional.empty();
        }
        Document epochs = database.trialEpochs().find(new Document(TrialEpochsDoc.ID, id)).first();
        return Optional.of(new TrialDetail(d.getString(TrialDoc.STUDY_ID), number, state(d),
                BsonValues.map(d.get(TrialDoc.PARAMS)), BsonValues.doubles(d.get(TrialDoc.VALUES)),
                BsonValues.doubleMap(d.get(TrialDoc.METRICS)), BsonValues.integer(d.get(TrialDoc.EPOCHS)),
                BsonValues.integer(d.get(TrialDoc.PRUNED_AT_EPOCH)), d.getString(TrialDoc.REASON),
                d.getString(TrialDoc.TRAINER_ID), BsonValues.longValue(d.get(TrialDoc.SEED)),
                d.getBoolean(TrialDoc.PRUNING), BsonValues.instant(d.get(TrialDoc.SCHEDULED_AT)),
                BsonValues.instant(d.get(TrialDoc.STARTED_AT)), BsonValues.instant(d.get(TrialDoc.FINISHED_AT)),
                BsonValues.integer(d.get(TrialDoc.ATTEMPT)), EpochHistory.of(epochs)));
    }

    /** The epoch histories of some trials of a study, by trial number (trials without epochs left out). */
    public Map<Integer, List<EpochHistory.EpochResult>> histories(String studyId, List<Integer> numbers) {
        Map<Integer, List<EpochHistory.EpochResult>> result = new HashMap<>();
        if (numbers.isEmpty()) {
            return result;
        }
        List<String> ids = numbers.stream().map(n -> TrialDoc.id(studyId, n)).toList();
        for (Document d : database.trialEpochs().find(TrialEventWriter.idFilter(ids))) {
            result.put(d.getInteger(TrialEpochsDoc.NUMBER), EpochHistory.of(d));
        }
        return result;
    }

    /** The given trials (from the stats) with their parameters, read for those stored without, in the same order. */
    public List<BestTrial> withParams(String studyId, List<BestTrial> trials) {
        if (trials.stream().allMatch(t -> t.params() != null)) {
            return trials;
        }
        Map<Integer, Map<String, Object>> params = new HashMap<>();
        List<String> ids = trials.stream().filter(t -> t.params() == null)
                .map(t -> TrialDoc.id(studyId, t.number())).toList();
        for (Document d : database.trials().find(TrialEventWriter.idFilter(ids)).projection(BEST_PROJECTION)) {
            params.put(d.getInteger(TrialDoc.NUMBER), BsonValues.map(d.get(TrialDoc.PARAMS)));
        }
        return trials.stream().map(t -> t.params() != null ? t
                : new BestTrial(t.number(), t.values(), params.get(t.number()))).toList();
    }

    /**
     * The non-dominated complete trials of a study, by number, computed from the trials (see
     * {@link ParetoFront}): for a study whose stored front is stale.
     */
    public List<BestTrial> paretoFront(String studyId, List<Direction> directions) {
        if (directions.isEmpty()) {
            return List.of();
        }
        Document complete = new Document(TrialDoc.STUDY_ID, studyId).append(TrialDoc.STATE, TrialState.COMPLETE.name());
        List<BestTrial> trials = new ArrayList<>();
        for (Document d : database.trials().find(complete).projection(BEST_PROJECTION)) {
            trials.add(new BestTrial(d.getInteger(TrialDoc.NUMBER), BsonValues.doubles(d.get(TrialDoc.VALUES)),
                    BsonValues.map(d.get(TrialDoc.PARAMS))));
        }
        return ParetoFront.of(trials, directions);
    }

    /** Every trial document of a study (without epochs), by number: for exports. */
    public List<Document> documents(String studyId) {
        List<Document> docs = database.trials().find(new Document(TrialDoc.STUDY_ID, studyId))
                .projection(SUMMARY_PROJECTION).into(new ArrayList<>());
        docs.sort((a, b) -> Integer.compare(a.getInteger(TrialDoc.NUMBER), b.getInteger(TrialDoc.NUMBER)));
        return docs;
    }

    static TrialSummary summary(Document d) {
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

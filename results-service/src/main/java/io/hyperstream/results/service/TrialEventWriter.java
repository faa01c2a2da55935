package io.hyperstream.results.service;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.hyperstream.model.TrialState;
import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.results.document.BsonValues;
import io.hyperstream.results.document.EventChanges;
import io.hyperstream.results.document.StudyStatsDoc;
import io.hyperstream.results.document.TrialDoc;
import io.hyperstream.results.document.TrialEpochsDoc;
import io.hyperstream.results.document.TrialFold;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * Stores a batch of trainers' trial events (in topic order) with a handful of bulk writes instead
 * of a few writes per event, and keeps each study's aggregates ({@link StudyStatsDoc}: counts by
 * state, best trials, null accuracy, trainers) up to date without recounting.
 *
 * <p>One batch: read the stats and the trial documents (rank, state, counted state) by id; fold
 * each trial's events into one update ({@link TrialFold}); store the stats first, with the count
 * changes and, as {@code pending}, the state each changed trial is now counted in; then the trials,
 * each update guarded by the rank it was read with and carrying that counted state; then the
 * epochs; then clear {@code pending} and bump the stats version. A trial whose counted state
 * differs from its state is counted again, and {@code pending} tells a replay (after a crash
 * between the two writes) which changes were already counted, so that no event is counted twice
 * or lost. A trial write that matched nothing (another writer moved the trial meanwhile) makes the
 * whole batch run again on fresh reads: every write is idempotent.
 *
 * <p>A study's trial events are all on one partition and one channel reads them in order, so one
 * writer at a time changes its aggregates; the trial documents stay right with any number of writers.
 */
@Singleton
public class TrialEventWriter {

    private static final Logger LOG = Logger.getLogger(TrialEventWriter.class);

    /** Rounds of a batch before giving up: each lost race is with a writer that stored something. */
    private static final int ATTEMPTS = 5;

    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final UpdateOptions NO_UPSERT = new UpdateOptions();
    private static final Document TRIAL_PROJECTION = new Document(TrialDoc.STATE_RANK, 1).append(TrialDoc.STATE, 1)
            .append(TrialDoc.COUNTED_STATE, 1).append(TrialDoc.VALUES, 1).append(TrialDoc.PARAMS, 1);

    private final ResultsDatabase database;
    private final StudyDirections directions;

    public TrialEventWriter(ResultsDatabase database, StudyDirections directions) {
        this.database = database;
        this.directions = directions;
    }

    /** Stores the events, in the order given (the order of their partition). */
    public void write(List<TrialEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (tryWrite(events)) {
                return;
            }
            LOG.debugf("a trial changed while %d events were stored; storing them again (round %d)",
                    events.size(), attempt + 1);
        }
        throw new IllegalStateException("trial documents kept changing under " + events.size()
                + " events in " + ATTEMPTS + " rounds: another writer is storing the same trials");
    }

    private boolean tryWrite(List<TrialEvent> events) {
        Map<String, Map<Integer, List<TrialEvent>>> byStudy = new LinkedHashMap<>();
        for (TrialEvent e : events) {
            byStudy.computeIfAbsent(e.studyId(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(e.trialNumber(), k -> new ArrayList<>()).add(e);
        }
        Map<String, Document> stats = byId(database.studyStats().find(idFilter(byStudy.keySet())));
        Map<String, Map<Integer, TrialState>> pending = new HashMap<>();
        Set<String> trialIds = new LinkedHashSet<>();
        byStudy.forEach((studyId, trials) -> {
            Map<Integer, TrialState> p = pendingOf(stats.get(studyId));
            pending.put(studyId, p);
            trials.keySet().forEach(n -> trialIds.add(TrialDoc.id(studyId, n)));
            p.keySet().forEach(n -> trialIds.add(TrialDoc.id(studyId, n)));
        });
        Map<String, Document> trialDocs = byId(database.trials().find(idFilter(trialIds)).projection(TRIAL_PROJECTION));
        Map<String, List<Direction>> studyDirections = directions.of(byStudy.keySet());

        List<WriteModel<Document>> statsWrites = new ArrayList<>();
        List<WriteModel<Document>> trialWrites = new ArrayList<>();
        List<WriteModel<Document>> epochWrites = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, List<TrialEvent>>> study : byStudy.entrySet()) {
            StudyBatch batch = new StudyBatch(study.getKey(), stats.get(study.getKey()), pending.get(study.getKey()),
                    studyDirections.get(study.getKey()));
            for (Map.Entry<Integer, List<TrialEvent>> trial : study.getValue().entrySet()) {
                batch.fold(trial.getKey(), trial.getValue(), trialDocs, trialWrites, epochWrites);
            }
            batch.resolveOtherPending(trialDocs, trialWrites);
            statsWrites.add(new UpdateOneModel<>(new Document(StudyStatsDoc.ID, study.getKey()), batch.statsUpdate(),
                    UPSERT));
        }

        bulk(database.studyStats().getNamespace().getCollectionName(), statsWrites, true);
        if (!bulk(database.trials().getNamespace().getCollectionName(), trialWrites, false)) {
            return false;
        }
        if (!epochWrites.isEmpty()) {
            bulk(TrialEpochsDoc.COLLECTION, epochWrites, true);
        }
        List<WriteModel<Document>> settled = new ArrayList<>();
        for (String studyId : byStudy.keySet()) {
            settled.add(new UpdateOneModel<>(new Document(StudyStatsDoc.ID, studyId),
                    new Document("$set", new Document(StudyStatsDoc.PENDING, List.of()))
                            .append("$inc", new Document(StudyStatsDoc.VERSION, 1L)), NO_UPSERT));
        }
        bulk(database.studyStats().getNamespace().getCollectionName(), settled, true);
        return true;
    }

    /** One study's share of a batch: its trials' updates and what they change in its aggregates. */
    private final class StudyBatch {
        private final String studyId;
        private final Document stats;
        private final Map<Integer, TrialState> pending;
        private final List<Direction> directions;
        private final Map<TrialState, Long> deltas = new LinkedHashMap<>();
        private final List<Document> nowPending = new ArrayList<>();
        private final List<BestTrial> completed = new ArrayList<>();
        private final Set<String> trainers = new LinkedHashSet<>();
        private final Set<Integer> folded = new LinkedHashSet<>();
        private int maxNumber = -1;
        private Double nullAccuracy;

        StudyBatch(String studyId, Document stats, Map<Integer, TrialState> pending, List<Direction> directions) {
            this.studyId = studyId;
            this.stats = stats;
            this.pending = pending;
            this.directions = directions;
        }

        void fold(int number, List<TrialEvent> events, Map<String, Document> trialDocs,
                  List<WriteModel<Document>> trialWrites, List<WriteModel<Document>> epochWrites) {
            String id = TrialDoc.id(studyId, number);
            Document stored = trialDocs.get(id);
            TrialFold fold = stored == null ? new TrialFold(id, null, null)
                    : new TrialFold(id, stored.getInteger(TrialDoc.STATE_RANK),
                    TrialState.valueOf(stored.getString(TrialDoc.STATE)));
            Document epochs = new Document();
            List<Double> completedValues = null;
            Map<String, Object> params = stored == null ? null : BsonValues.map(stored.get(TrialDoc.PARAMS));
            int attempt = 1;
            for (TrialEvent e : events) {
                attempt = Math.max(attempt, e.attempt());
                boolean advanced = fold.apply(EventChanges.of(e));
                trainers.add(e.trainerId());
                if (e instanceof TrialStarted started && !started.params().isEmpty()) {
                    params = started.params();
                }
                if (e instanceof EpochReported epoch) {
                    epochs.putAll(EventChanges.epochs(epoch));
                }
                if (e instanceof TrialCompleted c) {
                    if (advanced) {
                        completedValues = c.values();
                    }
                    Double reported = c.metrics().get("null_accuracy");
                    if (reported != null && Double.isFinite(reported)) {
                        nullAccuracy = reported;
                    }
                }
            }
            maxNumber = Math.max(maxNumber, number);
            folded.add(number);
            TrialState counted = countedState(number, stored);
            TrialState now = fold.state();
            if (now != null && now != counted) {
                count(counted, now);
                fold.set(TrialDoc.COUNTED_STATE, now.name());
                nowPending.add(pendingEntry(number, now));
                if (now == TrialState.COMPLETE) {
                    List<Double> values = completedValues != null ? completedValues
                            : stored == null ? null : BsonValues.doubles(stored.get(TrialDoc.VALUES));
                    completed.add(new BestTrial(number, values, params));
                }
            } else if (counted != null && stored != null && !counted.name().equals(stored.getString(TrialDoc.COUNTED_STATE))) {
                // Counted by a batch that stopped before this trial's write: record it now.
                fold.set(TrialDoc.COUNTED_STATE, counted.name());
                nowPending.add(pendingEntry(number, counted));
            }
            trialWrites.add(new UpdateOneModel<>(fold.filter(), fold.update(), fold.inserts() ? UPSERT : NO_UPSERT));
            // A later attempt hides the epochs of earlier ones, even before it reports an epoch of its own.
            if (!epochs.isEmpty() || attempt > 1) {
                epochs.append(TrialEpochsDoc.STUDY_ID, studyId).append(TrialEpochsDoc.NUMBER, number);
                epochWrites.add(new UpdateOneModel<>(new Document(TrialEpochsDoc.ID, id), new Document("$set", epochs)
                        .append("$max", new Document(TrialEpochsDoc.ATTEMPT, attempt)), UPSERT));
            }
        }

        /** Trials counted by an interrupted batch that this batch has no event of: their counted state is written now. */
        void resolveOtherPending(Map<String, Document> trialDocs, List<WriteModel<Document>> trialWrites) {
            pending.forEach((number, state) -> {
                if (folded.contains(number)) {
                    return;
                }
                String id = TrialDoc.id(studyId, number);
                Document stored = trialDocs.get(id);
                if (stored != null && state.name().equals(stored.getString(TrialDoc.COUNTED_STATE))) {
                    return;
                }
                nowPending.add(pendingEntry(number, state));
                if (stored != null) {
                    trialWrites.add(new UpdateOneModel<>(new Document(TrialDoc.ID, id),
                            new Document("$set", new Document(TrialDoc.COUNTED_STATE, state.name())), NO_UPSERT));
                }
            });
        }

        private TrialState countedState(int number, Document stored) {
            TrialState pendingState = pending.get(number);
            if (pendingState != null) {
                return pendingState;
            }
            String counted = stored == null ? null : stored.getString(TrialDoc.COUNTED_STATE);
            return counted == null ? null : TrialState.valueOf(counted);
        }

        private void count(TrialState from, TrialState to) {
            if (from != null) {
                deltas.merge(from, -1L, Long::sum);
            }
            deltas.merge(to, 1L, Long::sum);
        }

        Document statsUpdate() {
            Document inc = new Document();
            deltas.forEach((state, delta) -> {
                if (delta != 0) {
                    inc.append(StudyStatsDoc.COUNTS + "." + state.name(), delta);
                }
            });
            Document set = new Document(StudyStatsDoc.PENDING, nowPending);
            Document max = new Document(StudyStatsDoc.MAX_TRIAL_NUMBER, maxNumber);
            if (nullAccuracy != null) {
                max.append(StudyStatsDoc.NULL_ACCURACY, nullAccuracy);
            }
            boolean stale = stats != null && Boolean.TRUE.equals(stats.getBoolean(StudyStatsDoc.FRONT_STALE));
            if (directions.isEmpty()) {
                if (!completed.isEmpty()) {
                    set.append(StudyStatsDoc.FRONT_STALE, true);
                }
            } else if (!completed.isEmpty() || stale) {
                List<BestTrial> candidates = new ArrayList<>(stale ? completeTrials() : StudyStats.from(stats).front());
                candidates.addAll(completed);
                set.append(StudyStatsDoc.FRONT, frontDocuments(ParetoFront.of(distinct(candidates), directions)))
                        .append(StudyStatsDoc.FRONT_STALE, false);
            }
            Document update = new Document("$set", set).append("$max", max)
                    .append("$addToSet", new Document(StudyStatsDoc.TRAINER_IDS,
                            new Document("$each", new ArrayList<>(trainers))));
            if (!inc.isEmpty()) {
                update.append("$inc", inc);
            }
            return update;
        }

        /** Every complete trial of the study, for a front that must be recomputed. */
        private List<BestTrial> completeTrials() {
            List<BestTrial> trials = new ArrayList<>();
            Document filter = new Document(TrialDoc.STUDY_ID, studyId).append(TrialDoc.STATE, TrialState.COMPLETE.name());
            for (Document d : database.trials().find(filter).projection(new Document(TrialDoc.NUMBER, 1)
                    .append(TrialDoc.VALUES, 1).append(TrialDoc.PARAMS, 1))) {
                trials.add(new BestTrial(d.getInteger(TrialDoc.NUMBER), BsonValues.doubles(d.get(TrialDoc.VALUES)),
                        BsonValues.map(d.get(TrialDoc.PARAMS))));
            }
            return trials;
        }
    }

    private static List<BestTrial> distinct(List<BestTrial> trials) {
        Map<Integer, BestTrial> byNumber = new LinkedHashMap<>();
        trials.forEach(t -> byNumber.putIfAbsent(t.number(), t));
        return new ArrayList<>(byNumber.values());
    }

    /** The front as stored: numbers, values and, where known, parameters (so that the summary need not read them). */
    private static List<Document> frontDocuments(List<BestTrial> front) {
        return front.stream().map(t -> {
            Document entry = new Document(StudyStatsDoc.FRONT_NUMBER, t.number()).append(StudyStatsDoc.FRONT_VALUES, t.values());
            if (t.params() != null) {
                entry.append(StudyStatsDoc.FRONT_PARAMS, BsonValues.document(t.params()));
            }
            return entry;
        }).toList();
    }

    private static Document pendingEntry(int number, TrialState state) {
        return new Document(StudyStatsDoc.PENDING_NUMBER, number).append(StudyStatsDoc.PENDING_STATE, state.name());
    }

    private static Map<Integer, TrialState> pendingOf(Document stats) {
        Map<Integer, TrialState> pending = new HashMap<>();
        List<?> entries = stats == null ? null : stats.get(StudyStatsDoc.PENDING, List.class);
        if (entries != null) {
            for (Object o : entries) {
                Document e = (Document) o;
                pending.put(e.getInteger(StudyStatsDoc.PENDING_NUMBER),
                        TrialState.valueOf(e.getString(StudyStatsDoc.PENDING_STATE)));
            }
        }
        return pending;
    }

    /**
     * Runs unordered writes. Returns false when an update guarded by a rank matched nothing or an
     * insert met a document inserted meanwhile (the batch must run again); with {@code mustMatch}
     * false such misses are expected, otherwise they are errors.
     */
    private boolean bulk(String collection, List<WriteModel<Document>> writes, boolean mustMatch) {
        if (writes.isEmpty()) {
            return true;
        }
        BulkWriteResult result;
        try {
            result = database.collection(collection).bulkWrite(writes, UNORDERED);
        } catch (MongoBulkWriteException e) {
            boolean onlyRaces = !e.getWriteErrors().isEmpty() && e.getWriteErrors().stream()
                    .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (onlyRaces && !mustMatch) {
                return false;
            }
            if (onlyRaces) {
                return retryRaces(collection, writes, e.getWriteErrors());
            }
            throw e;
        }
        boolean allMatched = result.getMatchedCount() + result.getUpserts().size() == writes.size();
        if (!allMatched && mustMatch) {
            throw new IllegalStateException(collection + ": " + (writes.size() - result.getMatchedCount()
                    - result.getUpserts().size()) + " of " + writes.size() + " writes matched no document");
        }
        return allMatched;
    }

    /** Upserts by id that met a concurrent insert: the document exists now, so each is run once more. */
    private boolean retryRaces(String collection, List<WriteModel<Document>> writes, Collection<BulkWriteError> errors) {
        List<WriteModel<Document>> again = new ArrayList<>();
        errors.forEach(error -> again.add(writes.get(error.getIndex())));
        database.collection(collection).bulkWrite(again, UNORDERED);
        return true;
    }

    private static Map<String, Document> byId(Iterable<Document> documents) {
        Map<String, Document> result = new HashMap<>();
        for (Document d : documents) {
            result.put(d.getString("_id"), d);
        }
        return result;
    }

    /** A filter on ids: plain equality for one (served by the _id index everywhere), {@code $in} for several. */
    static Document idFilter(Collection<String> ids) {
        return new Document("_id", ids.size() == 1 ? ids.iterator().next() : new Document("$in", new ArrayList<>(ids)));
    }
}

package io.hyperstream.results.service;

import io.hyperstream.model.TrialState;
import io.hyperstream.results.document.BsonValues;
import io.hyperstream.results.document.StudyStatsDoc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bson.Document;

/**
 * A study's stored aggregates ({@link StudyStatsDoc}), as read.
 *
 * @param counted        trials counted per state (RUNNING, COMPLETE, PRUNED, FAIL)
 * @param maxTrialNumber the highest trial number read, or -1
 * @param front          the best trials (Pareto front), their params null where not stored
 * @param frontStale     whether the front must be recomputed from the trials
 * @param trainerIds     every trainer that reported on a trial of the study, sorted
 * @param version        changes whenever the study's trials change
 */
public record StudyStats(Map<TrialState, Long> counted, long maxTrialNumber, List<BestTrial> front,
                         boolean frontStale, Double nullAccuracy, List<String> trainerIds, long version) {

    /** A study with no stored trial. */
    public static final StudyStats NONE = new StudyStats(Map.of(), -1, List.of(), false, null, List.of(), 0);

    /** The aggregates in a stored document; null gives {@link #NONE}. */
    public static StudyStats from(Document d) {
        if (d == null) {
            return NONE;
        }
        Map<TrialState, Long> counted = new HashMap<>();
        Document counts = d.get(StudyStatsDoc.COUNTS, Document.class);
        if (counts != null) {
            counts.forEach((state, n) -> counted.put(TrialState.valueOf(state), ((Number) n).longValue()));
        }
        List<BestTrial> front = new ArrayList<>();
        List<?> stored = d.get(StudyStatsDoc.FRONT, List.class);
        if (stored != null) {
            for (Object o : stored) {
                Document entry = (Document) o;
                front.add(new BestTrial(entry.getInteger(StudyStatsDoc.FRONT_NUMBER),
                        BsonValues.doubles(entry.get(StudyStatsDoc.FRONT_VALUES)),
                        BsonValues.map(entry.get(StudyStatsDoc.FRONT_PARAMS))));
            }
        }
        TreeSet<String> trainers = new TreeSet<>();
        List<?> ids = d.get(StudyStatsDoc.TRAINER_IDS, List.class);
        if (ids != null) {
            ids.forEach(id -> trainers.add(String.valueOf(id)));
        }
        Number max = d.get(StudyStatsDoc.MAX_TRIAL_NUMBER, Number.class);
        Number version = d.get(StudyStatsDoc.VERSION, Number.class);
        Number nullAccuracy = d.get(StudyStatsDoc.NULL_ACCURACY, Number.class);
        return new StudyStats(Map.copyOf(counted), max == null ? -1 : max.longValue(), List.copyOf(front),
                Boolean.TRUE.equals(d.getBoolean(StudyStatsDoc.FRONT_STALE)),
                nullAccuracy == null ? null : nullAccuracy.doubleValue(), List.copyOf(trainers),
                version == null ? 0 : version.longValue());
    }

    /**
     * The trial counts: each trial a trainer reported on in its state, and every other trial up to
     * the highest number read as waiting (trials are numbered from 0 without gaps).
     */
    public TrialCounts counts() {
        long running = counted.getOrDefault(TrialState.RUNNING, 0L);
        long complete = counted.getOrDefault(TrialState.COMPLETE, 0L);
        long pruned = counted.getOrDefault(TrialState.PRUNED, 0L);
        long fail = counted.getOrDefault(TrialState.FAIL, 0L);
        long reported = running + complete + pruned + fail;
        long total = Math.max(maxTrialNumber + 1, reported);
        return new TrialCounts(total - reported, running, complete, pruned, fail, total, complete + pruned + fail);
    }
}

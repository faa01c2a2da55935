package io.hyperstream.results.dashboard;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.results.dashboard.plot.ParamInfo;
import io.hyperstream.results.dashboard.plot.StudyData;
import io.hyperstream.results.dashboard.plot.TrialRow;
import io.hyperstream.results.document.BsonValues;
import io.hyperstream.results.document.EpochHistory;
import io.hyperstream.results.document.StudyDoc;
import io.hyperstream.results.document.TrialDoc;
import io.hyperstream.results.document.TrialEpochsDoc;
import io.hyperstream.results.service.ResultsDatabase;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * The trials of recently viewed studies, kept in memory as {@link TrialRow}s so that each plot of
 * a 10,000-trial study does not read 10,000 documents. A study is read in full once (one query
 * by studyId, epoch maps left out); afterwards only the trials written since (as reported by
 * {@link StoreWrites}) are read again, by id. The study document itself (state, spec) is read on
 * every call: one lookup by id.
 */
@Singleton
public class TrialSnapshots {

    private static final Logger LOG = Logger.getLogger(TrialSnapshots.class);

    /** The fields of a trial the plots use: never the epoch maps. */
    private static final Document ROW_PROJECTION = new Document(TrialDoc.NUMBER, 1).append(TrialDoc.STATE, 1)
            .append(TrialDoc.VALUES, 1).append(TrialDoc.PARAMS, 1).append(TrialDoc.TRAINER_ID, 1)
            .append(TrialDoc.STARTED_AT, 1).append(TrialDoc.FINISHED_AT, 1).append(TrialDoc.LAST_EPOCH, 1)
            .append(TrialDoc.PRUNED_AT_EPOCH, 1);
    /** The fields of an epochs document a learning curve uses: never the per-epoch metrics. */
    private static final Document CURVE_PROJECTION = new Document(TrialEpochsDoc.NUMBER, 1)
            .append(TrialEpochsDoc.INTERMEDIATE, 1).append(TrialEpochsDoc.EPOCH_ATTEMPTS, 1)
            .append(TrialEpochsDoc.ATTEMPT, 1);
    /** Ids per query when reading changed trials again. */
    private static final int BATCH = 500;

    /** One study's cached trials and the numbers written since they were read. */
    private static final class Cached {
        final ReentrantLock lock = new ReentrantLock();
        final Set<Integer> dirty = ConcurrentHashMap.newKeySet();
        volatile boolean stale = true;
        volatile TreeMap<Integer, TrialRow> rows;
        volatile long loadedAt;
    }

    private final ResultsDatabase database;
    private final DashboardConfig config;
    private final Map<String, Cached> cache;

    public TrialSnapshots(ResultsDatabase database, DashboardConfig config, StudyChanges changes) {
        this.database = database;
        this.config = config;
        int capacity = Math.max(1, config.cachedStudies());
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > capacity;
            }
        });
        changes.onWrite(this::written);
    }

    private void written(StoreWrites.Touch touch) {
        if (!touch.trial()) {
            return;
        }
        if (touch.studyId() == null) {
            // A write to trials that named no study: any cached study may have changed.
            synchronized (cache) {
                cache.values().forEach(c -> c.stale = true);
            }
            return;
        }
        Cached cached;
        synchronized (cache) {
            // A look-up without touching the order of use: only views make a study recent.
            cached = cache.entrySet().stream().filter(e -> e.getKey().equals(touch.studyId()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        if (cached == null) {
            return;
        }
        if (touch.number() == null) {
            cached.stale = true;
        } else {
            cached.dirty.add(touch.number());
        }
    }

    /** The study with its trials as stored now, or empty if the study is unknown. */
    public Optional<StudyData> study(String studyId) {
        Document study = database.studies().find(new Document(StudyDoc.ID, studyId))
                .projection(new Document(StudyDoc.DIRECTIONS, 1).append(StudyDoc.SPEC, 1)).first();
        if (study == null) {
            return Optional.empty();
        }
        Cached cached = cache.computeIfAbsent(studyId, k -> new Cached());
        TreeMap<Integer, TrialRow> rows = rows(studyId, cached);
        List<Direction> directions = StudyDoc.directions(study);
        Map<String, Object> spec = BsonValues.map(study.get(StudyDoc.SPEC));
        return Optional.of(new StudyData(studyId, directions, objectiveNames(spec, directions.size()),
                params(spec, rows.values()), new ArrayList<>(rows.values())));
    }

    private TreeMap<Integer, TrialRow> rows(String studyId, Cached cached) {
        cached.lock.lock();
        try {
            long age = System.currentTimeMillis() - cached.loadedAt;
            long started = System.currentTimeMillis();
            if (cached.stale || cached.rows == null || age > config.cacheMaxAge().toMillis()) {
                // Marks made from here on name writes the scan may or may not see: read them again next time.
                cached.stale = false;
                cached.dirty.clear();
                TreeMap<Integer, TrialRow> rows = new TreeMap<>();
                for (Document d : database.trials().find(new Document(TrialDoc.STUDY_ID, studyId))
                        .projection(ROW_PROJECTION)) {
                    TrialRow row = row(d);
                    rows.put(row.number(), row);
                }
                cached.rows = rows;
                cached.loadedAt = System.currentTimeMillis();
                LOG.debugf("study %s: %d trials read in full in %d ms", studyId, rows.size(),
                        cached.loadedAt - started);
                return rows;
            }
            if (cached.dirty.isEmpty()) {
                return cached.rows;
            }
            List<Integer> changed = new ArrayList<>();
            for (Integer n : List.copyOf(cached.dirty)) {
                if (cached.dirty.remove(n)) {
                    changed.add(n);
                }
            }
            TreeMap<Integer, TrialRow> rows = new TreeMap<>(cached.rows);
            for (int from = 0; from < changed.size(); from += BATCH) {
                List<String> ids = changed.subList(from, Math.min(changed.size(), from + BATCH)).stream()
                        .map(n -> TrialDoc.id(studyId, n)).toList();
                for (Document d : database.trials().find(new Document(TrialDoc.ID, new Document("$in", ids)))
                        .projection(ROW_PROJECTION)) {
                    TrialRow row = row(d);
                    rows.put(row.number(), row);
                }
            }
            cached.rows = rows;
            LOG.debugf("study %s: %d changed trials read again in %d ms", studyId, changed.size(),
                    System.currentTimeMillis() - started);
            return rows;
        } finally {
            cached.lock.unlock();
        }
    }

    /**
     * The values each trial's latest attempt reported per epoch for one objective, read from the
     * epochs collection by trial id: only the curves a plot draws are read.
     */
    public Map<Integer, SortedMap<Integer, Double>> curves(String studyId, Collection<Integer> numbers, int objective) {
        Map<Integer, SortedMap<Integer, Double>> out = new HashMap<>();
        List<Integer> all = new ArrayList<>(numbers);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<String> ids = all.subList(from, Math.min(all.size(), from + BATCH)).stream()
                    .map(n -> TrialDoc.id(studyId, n)).toList();
            for (Document d : database.trialEpochs().find(new Document(TrialEpochsDoc.ID, new Document("$in", ids)))
                    .projection(CURVE_PROJECTION)) {
                SortedMap<Integer, Double> curve = new TreeMap<>();
                for (EpochHistory.EpochResult epoch : EpochHistory.of(d)) {
                    List<Double> values = epoch.values();
                    if (objective < values.size() && values.get(objective) != null) {
                        curve.put(epoch.epoch(), values.get(objective));
                    }
                }
                out.put(d.getInteger(TrialEpochsDoc.NUMBER), curve);
            }
        }
        return out;
    }

    private static TrialRow row(Document d) {
        List<Double> values = BsonValues.doubles(d.get(TrialDoc.VALUES));
        double[] array = null;
        if (values != null) {
            array = new double[values.size()];
            for (int i = 0; i < array.length; i++) {
                array[i] = values.get(i) == null ? Double.NaN : values.get(i);
            }
        }
        return new TrialRow(d.getInteger(TrialDoc.NUMBER), TrialState.valueOf(d.getString(TrialDoc.STATE)), array,
                BsonValues.map(d.get(TrialDoc.PARAMS)), d.getString(TrialDoc.TRAINER_ID),
                millis(d.get(TrialDoc.STARTED_AT)), millis(d.get(TrialDoc.FINISHED_AT)),
                BsonValues.integer(d.get(TrialDoc.LAST_EPOCH)), BsonValues.integer(d.get(TrialDoc.PRUNED_AT_EPOCH)));
    }

    private static Long millis(Object value) {
        return value instanceof Date date ? date.getTime() : null;
    }

    /** The metric name of each objective, from the spec's objective; "objective K" where it names none. */
    private static List<String> objectiveNames(Map<String, Object> spec, int count) {
        List<String> names = new ArrayList<>();
        Object objective = spec == null ? null : spec.get("objective");
        if (objective instanceof Map<?, ?> o) {
            if (o.get("metrics") instanceof List<?> metrics) {
                metrics.forEach(m -> names.add(String.valueOf(m)));
            } else if (o.get("metric") != null) {
                names.add(String.valueOf(o.get("metric")));
            }
        }
        while (names.size() < count) {
            names.add("objective " + names.size());
        }
        return names.subList(0, count);
    }

    /** The search space of the spec; parameters found only in trials are added as numbers or choices. */
    private static List<ParamInfo> params(Map<String, Object> spec, Collection<TrialRow> rows) {
        Map<String, ParamInfo> params = new LinkedHashMap<>();
        Object space = spec == null ? null : spec.get("search_space");
        if (space instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> p && p.get("name") != null) {
                    String name = String.valueOf(p.get("name"));
                    String type = String.valueOf(p.get("type"));
                    List<String> choices = new ArrayList<>();
                    if (p.get("choices") instanceof List<?> c) {
                        c.forEach(choice -> choices.add(String.valueOf(choice)));
                    }
                    params.put(name, new ParamInfo(name, type, number(p.get("low")), number(p.get("high")),
                            Boolean.TRUE.equals(p.get("log")), choices));
                }
            }
        }
        for (TrialRow row : rows) {
            if (row.params() == null) {
                continue;
            }
            row.params().forEach((name, value) -> params.computeIfAbsent(name, n -> value instanceof Number
                    ? new ParamInfo(n, "float", null, null, false, List.of())
                    : new ParamInfo(n, "categorical", null, null, false, List.of())));
        }
        return new ArrayList<>(params.values());
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }
}

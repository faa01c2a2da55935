package io.hyperstream.results.service;

import io.hyperstream.results.config.ResultsConfig;
import io.hyperstream.results.document.TrialDoc;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Keeps the {@link TrialIndex} of the most recently read studies. An index is rebuilt (one read of
 * the study's trials) only when the study's stats version has moved since it was built: the
 * writers bump it after every batch, so any service instance sees new trials at once.
 */
@Singleton
public class TrialIndexCache {

    /** Everything a page shows (the epochs are in their own collection); the counted state is bookkeeping. */
    private static final Document PROJECTION = new Document(TrialDoc.COUNTED_STATE, 0);

    private final ResultsDatabase database;
    private final Map<String, TrialIndex> indexes;

    public TrialIndexCache(ResultsDatabase database, ResultsConfig config) {
        this.database = database;
        int capacity = config.trialIndexStudies();
        this.indexes = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TrialIndex> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The index of a study as of {@code version} (or later). */
    public TrialIndex get(String studyId, long version) {
        synchronized (indexes) {
            TrialIndex cached = indexes.get(studyId);
            if (cached != null && cached.version() == version) {
                return cached;
            }
        }
        // Read outside the lock: another study's page must not wait for this one. The version is
        // read before the trials, so the index holds at least everything up to it.
        TrialIndex built = build(studyId, version);
        synchronized (indexes) {
            TrialIndex cached = indexes.get(studyId);
            if (cached == null || cached.version() < version) {
                indexes.put(studyId, built);
            }
        }
        return built;
    }

    private TrialIndex build(String studyId, long version) {
        List<TrialRow> rows = new ArrayList<>();
        for (Document d : database.trials().find(new Document(TrialDoc.STUDY_ID, studyId)).projection(PROJECTION)) {
            TrialSummary summary = TrialQueries.summary(d);
            rows.add(new TrialRow(summary.number(), summary.state(), summary.values(),
                    summary.params() == null ? Map.of() : summary.params(), summary));
        }
        rows.sort(Comparator.comparingInt(TrialRow::number));
        return new TrialIndex(studyId, version, rows);
    }
}

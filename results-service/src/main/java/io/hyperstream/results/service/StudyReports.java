package io.hyperstream.results.service;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.results.document.BsonValues;
import io.hyperstream.results.document.TrialDoc;
import io.hyperstream.results.report.ReportData;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Gathers what an experiment report shows ({@link ReportData}) from the stored study and trials. */
@Singleton
public class StudyReports {

    /** How many trials' learning curves a report draws: the best ones, then an even sample of the others. */
    static final int CURVES = 60;
    static final int BEST_CURVES = 10;
    /** Up to this many complete trials, the report's importances are fANOVA's; beyond, PED-ANOVA's. */
    public static final int FANOVA_TRIALS = 1000;

    private final StudyQueries studies;
    private final TrialQueries trials;
    private final StudyImportances importances;
    private final String version;

    public StudyReports(StudyQueries studies, TrialQueries trials, StudyImportances importances,
                        @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.studies = studies;
        this.trials = trials;
        this.importances = importances;
        this.version = version;
    }

    /**
     * The report data of a study, or empty when it is unknown.
     *
     * @param method importance method; null chooses fANOVA up to {@link #FANOVA_TRIALS} complete trials
     * @param seed   the fANOVA forest's seed
     */
    public Optional<ReportData> gather(String studyId, StudyImportances.Method method, long seed) {
        Optional<StudyDetail> found = studies.find(studyId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StudyDetail study = found.get();
        StudySpec spec = studies.document(studyId).flatMap(Specs::of).orElse(null);
        List<Document> docs = trials.documents(studyId);
        List<ReportData.TrialPoint> points = new ArrayList<>();
        List<Integer> withEpochs = new ArrayList<>();
        for (Document d : docs) {
            ReportData.TrialPoint p = new ReportData.TrialPoint(d.getInteger(TrialDoc.NUMBER),
                    TrialState.valueOf(d.getString(TrialDoc.STATE)), BsonValues.doubles(d.get(TrialDoc.VALUES)),
                    d.getString(TrialDoc.TRAINER_ID), BsonValues.longValue(d.get(TrialDoc.SEED)),
                    BsonValues.instant(d.get(TrialDoc.STARTED_AT)), BsonValues.instant(d.get(TrialDoc.FINISHED_AT)));
            points.add(p);
            if (d.get(TrialDoc.LAST_EPOCH) != null) {
                withEpochs.add(p.number());
            }
        }
        List<Integer> curveTrials = curveTrials(points, withEpochs, study.directions());
        TrialDetail best = study.best() == null ? null : trials.find(studyId, study.best().number()).orElse(null);
        StudyImportances.Report importance = null;
        if (spec != null) {
            long complete = points.stream().filter(p -> p.state() == TrialState.COMPLETE).count();
            StudyImportances.Method chosen = method != null ? method
                    : complete <= FANOVA_TRIALS ? StudyImportances.Method.FANOVA : StudyImportances.Method.PED_ANOVA;
            importance = importances.compute(studyId, spec, trials.rows(studyId, studies.stats(studyId)), chosen, seed,
                    0, null);
        }
        StudyStats stats = studies.stats(studyId);
        Long firstSeed = points.isEmpty() ? null : points.get(0).seed();
        Long lastSeed = points.size() < 2 ? null : points.get(points.size() - 1).seed();
        ReportData.Environment environment = new ReportData.Environment(version,
                System.getProperty("java.vm.name", "Java") + " " + Runtime.version(),
                spec == null ? null : spec.sampler().seed(), stats.trainerIds(), firstSeed, lastSeed);
        return Optional.of(new ReportData(study, spec, points, trials.histories(studyId, curveTrials), best,
                importance, environment, Instant.now()));
    }

    /** The best complete trials by the first objective, then an even sample of the other trials with epochs. */
    static List<Integer> curveTrials(List<ReportData.TrialPoint> points, List<Integer> withEpochs,
                                     List<Direction> directions) {
        Set<Integer> epochs = Set.copyOf(withEpochs);
        Comparator<ReportData.TrialPoint> byValue = Comparator.comparingDouble(p -> p.values().get(0));
        if (!directions.isEmpty() && directions.get(0) == Direction.MAXIMIZE) {
            byValue = byValue.reversed();
        }
        Set<Integer> chosen = new LinkedHashSet<>();
        points.stream().filter(p -> p.state() == TrialState.COMPLETE && epochs.contains(p.number())
                        && p.values() != null && !p.values().isEmpty() && p.values().get(0) != null
                        && Double.isFinite(p.values().get(0)))
                .sorted(byValue).limit(BEST_CURVES).forEach(p -> chosen.add(p.number()));
        List<Integer> others = withEpochs.stream().filter(n -> !chosen.contains(n)).toList();
        int room = CURVES - chosen.size();
        if (others.size() <= room) {
            chosen.addAll(others);
        } else {
            for (int i = 0; i < room; i++) {
                chosen.add(others.get((int) ((long) i * others.size() / room)));
            }
        }
        return new ArrayList<>(chosen);
    }
}

package io.hyperstream.results.report;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.results.document.EpochHistory;
import io.hyperstream.results.service.StudyDetail;
import io.hyperstream.results.service.StudyImportances;
import io.hyperstream.results.service.TrialDetail;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything an experiment report shows, gathered by the service: the study, its spec, every
 * trial, the learning curves of some, the best trial, the importances and the environment.
 *
 * @param spec        the spec as run; null for a study that was not accepted
 * @param curves      epoch histories of the trials drawn as learning curves, by trial number
 * @param best        the best trial (single objective) with its metrics, or null
 * @param importances the parameter importances, or null when they could not be computed
 */
public record ReportData(StudyDetail study, StudySpec spec, List<TrialPoint> trials,
                         Map<Integer, List<EpochHistory.EpochResult>> curves, TrialDetail best,
                         StudyImportances.Report importances, Environment environment, Instant generatedAt) {

    /** One trial as the report uses it. */
    public record TrialPoint(int number, TrialState state, List<Double> values, String trainerId, Long seed,
                             Instant startedAt, Instant finishedAt) {
    }

    /**
     * Where and how the study ran.
     *
     * @param version      the Hyperstream version of this results service (all services share it)
     * @param samplerSeed  the sampler's seed as run
     * @param trainerIds   every trainer that reported on a trial
     */
    public record Environment(String version, String java, Long samplerSeed, List<String> trainerIds,
                              Long firstTrialSeed, Long lastTrialSeed) {
    }
}

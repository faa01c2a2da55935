package io.hyperstream.trainer.objective;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Everything an objective needs to run one trial: the trial's identity (for logs), its
 * parameters, the objective's fixed settings, the metric(s) it optimizes, its epoch budget, the
 * seed of every random choice it makes, and the reporter it calls after each epoch.
 */
public record TrialContext(String studyId, int trialNumber, Map<String, Object> params,
                           Map<String, Object> settings, List<String> metrics, int maxEpochs,
                           long seed, EpochReporter reporter) {

    public TrialContext {
        if (params == null) {
            throw new IllegalArgumentException("params are required");
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        if (metrics == null || metrics.isEmpty()) {
            throw new IllegalArgumentException("at least one objective metric is required, but got " + metrics);
        }
        metrics = List.copyOf(metrics);
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("maxEpochs must be >= 1, but got " + maxEpochs);
        }
        if (reporter == null) {
            throw new IllegalArgumentException("a reporter is required");
        }
    }

    /** The single metric of a single-objective study. */
    public String metric() {
        return metrics.get(0);
    }

    /**
     * The objective values out of everything measured, in the order of {@link #metrics()}; a
     * clear error if a metric the study optimizes was not measured.
     */
    public Evaluation select(Map<String, Double> measured) {
        List<Double> values = new ArrayList<>(metrics.size());
        for (String metric : metrics) {
            Double value = measured.get(metric);
            if (value == null) {
                throw new IllegalArgumentException("the objective did not measure metric '" + metric
                        + "' that the study optimizes; it measured " + new TreeSet<>(measured.keySet()));
            }
            values.add(value);
        }
        return new Evaluation(values, measured);
    }
}

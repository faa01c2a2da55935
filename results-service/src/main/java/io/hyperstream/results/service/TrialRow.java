package io.hyperstream.results.service;

import io.hyperstream.model.TrialState;
import java.util.List;
import java.util.Map;

/**
 * What the trial index keeps of one trial: enough to filter, sort, analyse and page a study's
 * trials in memory, without reading a trial document per request.
 *
 * @param values  final value(s) of a complete trial, last value(s) of a pruned one, else null
 * @param summary the trial as a page of trials shows it
 */
public record TrialRow(int number, TrialState state, List<Double> values, Map<String, Object> params,
                       TrialSummary summary) {

    /** The finite value of objective {@code k}, or null when the trial has none. */
    public Double value(int k) {
        if (values == null || k >= values.size()) {
            return null;
        }
        Double v = values.get(k);
        return v != null && Double.isFinite(v) ? v : null;
    }
}

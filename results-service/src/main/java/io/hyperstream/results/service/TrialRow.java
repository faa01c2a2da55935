package io.hyperstream.results.service;

import io.hyperstream.model.TrialState;
import java.util.List;
import java.util.Map;

/**
 * What the trial index keeps of one trial: enough to filter, sort and analyse a study's trials in
 * memory (its full document is read only for the trials shown).
 *
 * @param values final value(s) of a complete trial, last value(s) of a pruned one, else null
 */
public record TrialRow(int number, TrialState state, List<Double> values, Map<String, Object> params) {

    /** The finite value of objective {@code k}, or null when the trial has none. */
    public Double value(int k) {
        if (values == null || k >= values.size()) {
            return null;
        }
        Double v = values.get(k);
        return v != null && Double.isFinite(v) ? v : null;
    }
}

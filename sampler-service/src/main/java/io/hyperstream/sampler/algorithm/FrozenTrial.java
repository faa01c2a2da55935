package io.hyperstream.sampler.algorithm;

import io.hyperstream.model.TrialState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A read-only snapshot of one trial as samplers see it (Optuna's {@code FrozenTrial}).
 *
 * @param number             the trial's number within its study, from 0
 * @param state              WAITING or RUNNING for trials in flight, COMPLETE, PRUNED or FAIL once finished
 * @param params             the parameters the trial runs with, in search-space order; a conditional
 *                           parameter whose condition did not hold is absent
 * @param values             the final objective values, one per study direction (a pruned trial's
 *                           last reported values; empty for failed and unfinished trials)
 * @param intermediateValues the first objective value reported after each epoch, by epoch (from 1)
 */
public record FrozenTrial(int number, TrialState state, Map<String, Object> params, List<Double> values,
                          SortedMap<Integer, Double> intermediateValues) {

    public FrozenTrial {
        if (number < 0) {
            throw new IllegalArgumentException("number must be >= 0, but got " + number);
        }
        if (state == null) {
            throw new IllegalArgumentException("state is required");
        }
        // Categorical choices may be null, which Map.copyOf refuses.
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        values = values == null ? List.of() : List.copyOf(values);
        intermediateValues = intermediateValues == null
                ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(intermediateValues));
    }

    /** The first objective value of a trial that has one (the only one of a single-objective study). */
    public Double value() {
        return values.isEmpty() ? null : values.get(0);
    }
}

package io.hyperstream.pruner.algorithm;

import io.hyperstream.model.TrialState;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One trial as pruners see it (Optuna's {@code FrozenTrial}, reduced): its number, its state, the
 * first objective value it reported at each step (epoch), and its final objective value(s) once
 * complete (empty before). The maps and lists are read-only views, not copies: callers hand in
 * state that does not change while a pruner decides.
 */
public record TrialView(int number, TrialState state, SortedMap<Integer, Double> intermediateValues,
                        List<Double> values) {

    public TrialView {
        if (number < 0) {
            throw new IllegalArgumentException("number must be >= 0, but got " + number);
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(intermediateValues, "intermediateValues");
        // Navigable, so that pruners can look up the first report at or after a step.
        intermediateValues = Collections.unmodifiableNavigableMap(intermediateValues instanceof NavigableMap<Integer, Double> n
                ? n : new TreeMap<>(intermediateValues));
        values = values == null ? List.of() : Collections.unmodifiableList(values);
    }

    /** The last step this trial reported (Optuna's {@code last_step}), empty if none. */
    public OptionalInt lastStep() {
        return intermediateValues.isEmpty() ? OptionalInt.empty() : OptionalInt.of(intermediateValues.lastKey());
    }
}

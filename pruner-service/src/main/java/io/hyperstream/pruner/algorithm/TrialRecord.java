package io.hyperstream.pruner.algorithm;

import io.hyperstream.model.TrialState;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One trial as pruners see it: its state and the first objective value it reported after each
 * step (epoch).
 */
public record TrialRecord(int number, TrialState state, SortedMap<Integer, Double> intermediateValues) {

    public TrialRecord {
        intermediateValues = Collections.unmodifiableSortedMap(new TreeMap<>(intermediateValues));
    }

    /** The last step this trial reported, or 0. */
    public int lastStep() {
        return intermediateValues.isEmpty() ? 0 : intermediateValues.lastKey();
    }
}

package io.hyperstream.pruner.algorithm;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Builds hand-written studies for pruner tests. */
final class Trials {

    private Trials() {
    }

    /** A trial that reported the given values at steps 1, 2, 3... */
    static TrialView trial(int number, TrialState state, double... values) {
        TreeMap<Integer, Double> curve = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            curve.put(i + 1, values[i]);
        }
        return new TrialView(number, state, curve, List.of());
    }

    /** The verdict for {@code current} in a study of {@code others} plus {@code current}. */
    static Verdict prune(Pruner pruner, Direction direction, List<TrialView> others, TrialView current) {
        List<TrialView> all = new ArrayList<>(others);
        all.add(current);
        return pruner.prune(new StudyView("study-1", List.of(direction), all), current);
    }
}

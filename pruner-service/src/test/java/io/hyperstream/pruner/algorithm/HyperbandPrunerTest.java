package io.hyperstream.pruner.algorithm;

import static org.assertj.core.api.Assertions.assertThat;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.pruner.PrunerSettings;
import io.hyperstream.model.spec.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Brackets worked out by hand for study "study-1" with min_resource 1, max_resource 40,
 * reduction factor 3: four brackets with shares 27, 12, 6, 4 of 49. By crc32("study-1_n") mod 49,
 * trials 0, 1, 4, 5 are in bracket 0 (rungs at steps 1, 3, 9, 27), trials 9, 10 in bracket 1
 * (rungs 3, 9, 27), trial 2 in bracket 2 (9, 27) and trial 3 in bracket 3 (27).
 */
class HyperbandPrunerTest {

    private final Pruner pruner = new HyperbandPruner(new PrunerSettings.Hyperband(1, 40, false, 3, 0, 0));
    private final Map<Integer, TreeMap<Integer, Double>> curves = new TreeMap<>();

    private Verdict report(int number, int step, double value) {
        curves.computeIfAbsent(number, n -> new TreeMap<>()).put(step, value);
        List<TrialView> trials = new ArrayList<>();
        curves.forEach((n, c) -> trials.add(new TrialView(n, TrialState.RUNNING, c, List.of())));
        TrialView current = trials.stream().filter(t -> t.number() == number).findFirst().orElseThrow();
        return pruner.prune(new StudyView("study-1", List.of(Direction.MINIMIZE), trials), current);
    }

    @Test
    void eachBracketIsItsOwnSuccessiveHalving() {
        // Trials 9 and 10 (bracket 1) are far better, but a bracket-0 trial competes with bracket 0 only.
        for (int step = 1; step <= 3; step++) {
            report(9, step, 0.1);
            report(10, step, 0.1);
        }
        assertThat(report(0, 1, 5)).isEqualTo(Verdict.keep(
                "bracket 0 of 4: value 5 at rung 0 (step 1) is in the best 1 of 1: promoted; next rung 1 at step 3"));
        assertThat(report(1, 1, 6)).isEqualTo(Verdict.stop(
                "bracket 0 of 4: value 6 at rung 0 (step 1) is not in the best 1 of 2 trials there (reduction_factor 3, minimize)"));
    }

    @Test
    void laterBracketsStopTrialsLater() {
        assertThat(report(9, 1, 50)).isEqualTo(Verdict.keep("bracket 1 of 4: rung 0 is at step 3; step 1 is before it"));
        assertThat(report(2, 1, 50).reason()).isEqualTo("bracket 2 of 4: rung 0 is at step 9; step 1 is before it");
        assertThat(report(3, 26, 50).reason()).isEqualTo("bracket 3 of 4: rung 0 is at step 27; step 26 is before it");
        // Bracket 1's first rung at step 3: trial 10 is the worse of the two there.
        report(9, 3, 1);
        assertThat(report(10, 3, 2).prune()).isTrue();
    }
}

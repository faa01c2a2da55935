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

/** Rungs worked out by hand; HalvingOptunaCasesTest checks thousands of verdicts against Optuna. */
class SuccessiveHalvingPrunerTest {

    /** min_resource 1, reduction factor 2: rungs at steps 1, 2, 4, 8. */
    private static SuccessiveHalvingPruner sha(int bootstrapCount, int minReports) {
        return new SuccessiveHalvingPruner(new PrunerSettings.SuccessiveHalving(1, false, 2, 0, bootstrapCount, minReports));
    }

    private final Map<Integer, TreeMap<Integer, Double>> curves = new TreeMap<>();

    /** Trial {@code number} reports {@code value} at {@code step}; the verdict as of then. */
    private Verdict report(Pruner pruner, Direction direction, int number, int step, double value) {
        curves.computeIfAbsent(number, n -> new TreeMap<>()).put(step, value);
        List<TrialView> trials = new ArrayList<>();
        curves.forEach((n, c) -> trials.add(new TrialView(n, TrialState.RUNNING, c, List.of())));
        TrialView current = trials.stream().filter(t -> t.number() == number).findFirst().orElseThrow();
        return pruner.prune(new StudyView("s", List.of(direction), trials), current);
    }

    @Test
    void promotesTheBestFractionAtEachRung() {
        Pruner pruner = sha(0, 0);
        Direction min = Direction.MINIMIZE;
        // Rung 0 (step 1): the best 1 of 1, 2 and 3 values, the best 2 of 4 and 5 go on.
        assertThat(report(pruner, min, 0, 1, 5)).isEqualTo(Verdict.keep(
                "value 5 at rung 0 (step 1) is in the best 1 of 1: promoted; next rung 1 at step 2"));
        assertThat(report(pruner, min, 1, 1, 3).prune()).isFalse();
        assertThat(report(pruner, min, 2, 1, 4)).isEqualTo(Verdict.stop(
                "value 4 at rung 0 (step 1) is not in the best 1 of 3 trials there (reduction_factor 2, minimize)"));
        assertThat(report(pruner, min, 3, 1, 1).prune()).isFalse();
        // [1, 3, 3, 4, 5]: 3 ties with the second best and goes on.
        assertThat(report(pruner, min, 4, 1, 3).prune()).isFalse();
        // Rung 1 (step 2): trial 0 is alone there; between rungs nothing is judged.
        assertThat(report(pruner, min, 0, 2, 4).prune()).isFalse();
        assertThat(report(pruner, min, 0, 3, 9)).isEqualTo(Verdict.keep("rung 2 is at step 4; step 3 is before it"));
        // Trial 1 reaches rung 1 with 6 against trial 0's 4 there: pruned.
        assertThat(report(pruner, min, 1, 2, 6).reason()).isEqualTo(
                "value 6 at rung 1 (step 2) is not in the best 1 of 2 trials there (reduction_factor 2, minimize)");
    }

    @Test
    void respectsTheDirection() {
        Pruner pruner = sha(0, 0);
        Direction max = Direction.MAXIMIZE;
        report(pruner, max, 0, 1, 5);
        report(pruner, max, 1, 1, 3);
        assertThat(report(pruner, max, 2, 1, 4).prune()).isTrue();
        assertThat(report(pruner, max, 3, 1, 9).prune()).isFalse();
    }

    @Test
    void aRungPrunesNothingUntilMinReportsOtherTrialsReachedIt() {
        Pruner pruner = sha(0, 2);
        Direction min = Direction.MINIMIZE;
        report(pruner, min, 0, 1, 1);
        assertThat(report(pruner, min, 1, 1, 9)).isEqualTo(Verdict.keep(
                "1 other trial(s) reached rung 0 (step 1), fewer than min_reports 2: promoted; next rung 1 at step 2"));
        // Two others now: judged, the worst of three.
        assertThat(report(pruner, min, 2, 1, 10).prune()).isTrue();
    }

    @Test
    void bootstrapCountPrunesUntilTheRungHasEnoughTrialsAsInOptuna() {
        Pruner pruner = sha(2, 0);
        assertThat(report(pruner, Direction.MINIMIZE, 0, 1, 1)).isEqualTo(Verdict.stop(
                "1 trial(s) reached rung 0 (step 1), not more than bootstrap_count 2"));
        assertThat(report(pruner, Direction.MINIMIZE, 1, 1, 0).prune()).isTrue();
        assertThat(report(pruner, Direction.MINIMIZE, 2, 1, 0).prune()).isFalse();
    }

    @Test
    void anotherTrialsRungValueIsItsFirstReportAtOrAfterTheRung() {
        Pruner pruner = sha(0, 0);
        Direction min = Direction.MINIMIZE;
        // Trial 0 reported steps 1 and 3 (nothing at step 2): its value at rung 1 is that of step 3.
        report(pruner, min, 0, 1, 1);
        report(pruner, min, 0, 3, 2);
        report(pruner, min, 1, 1, 0);
        assertThat(report(pruner, min, 1, 2, 3).reason()).isEqualTo(
                "value 3 at rung 1 (step 2) is not in the best 1 of 2 trials there (reduction_factor 2, minimize)");
    }

    @Test
    void aReportPastSeveralRungsIsJudgedAtEach() {
        Pruner pruner = sha(0, 0);
        report(pruner, Direction.MINIMIZE, 0, 1, 5);
        // Trial 1's first report is at step 4: rungs 0, 1 and 2 at once.
        assertThat(report(pruner, Direction.MINIMIZE, 1, 4, 2).reason()).isEqualTo(
                "value 2 at rung 0 (step 1) is in the best 1 of 2: promoted; value 2 at rung 1 (step 2) is in the best 1"
                        + " of 1: promoted; value 2 at rung 2 (step 4) is in the best 1 of 1: promoted; next rung 3 at step 8");
    }

    @Test
    void nanIsPrunedAndNotCountedForOthers() {
        Pruner pruner = sha(0, 0);
        assertThat(report(pruner, Direction.MINIMIZE, 0, 1, Double.NaN)).isEqualTo(
                Verdict.stop("value at step 1 (rung 0) is NaN"));
        // Trial 0's NaN is no competitor: trial 1 is alone at rung 0.
        assertThat(report(pruner, Direction.MINIMIZE, 1, 1, 100).prune()).isFalse();
    }
}

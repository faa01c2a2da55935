package io.hyperstream.pruner.algorithm;

import static io.hyperstream.pruner.algorithm.Trials.prune;
import static io.hyperstream.pruner.algorithm.Trials.trial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed cases of the concurrency-aware pruner; PercentilePrunerOptunaCasesTest checks
 * Optuna's rule (completed trials only) against Optuna itself.
 */
class PercentilePrunerTest {

    // At step 2 the completed trials reported 4, 6, 8, 10, 12: median 8, 25th percentile 6, 75th 10.
    private static final List<TrialView> FIVE_COMPLETE = List.of(
            trial(0, TrialState.COMPLETE, 5, 4, 3), trial(1, TrialState.COMPLETE, 7, 6, 5),
            trial(2, TrialState.COMPLETE, 9, 8, 7), trial(3, TrialState.COMPLETE, 11, 10, 9),
            trial(4, TrialState.COMPLETE, 13, 12, 11));

    private static final Pruner MEDIAN = new MedianPruner();

    @Test
    void prunesATrialWorseThanTheMedianWhenMinimizing() {
        Verdict worse = prune(MEDIAN, Direction.MINIMIZE, FIVE_COMPLETE, trial(5, TrialState.RUNNING, 12, 9));
        Verdict better = prune(MEDIAN, Direction.MINIMIZE, FIVE_COMPLETE, trial(6, TrialState.RUNNING, 12, 7));

        assertThat(worse).isEqualTo(Verdict.stop(
                "best value 9 up to step 2 is worse than the median 8 of 5 other trials at that step (minimize)"));
        assertThat(better).isEqualTo(Verdict.keep(
                "best value 7 up to step 2 is not worse than the median 8 of 5 other trials at that step (minimize)"));
    }

    @Test
    void aValueEqualToTheMedianIsKept() {
        assertThat(prune(MEDIAN, Direction.MINIMIZE, FIVE_COMPLETE, trial(5, TrialState.RUNNING, 12, 8)).prune()).isFalse();
        assertThat(prune(MEDIAN, Direction.MAXIMIZE, FIVE_COMPLETE, trial(5, TrialState.RUNNING, 1, 8)).prune()).isFalse();
    }

    @Test
    void comparesTheBestValueSoFarNotTheLatest() {
        // 7 at step 1 then 9 at step 2: its best so far, 7, beats the median 8 at step 2.
        Verdict v = prune(MEDIAN, Direction.MINIMIZE, FIVE_COMPLETE, trial(5, TrialState.RUNNING, 7, 9));
        assertThat(v.prune()).isFalse();
        assertThat(v.reason()).startsWith("best value 7 up to step 2");
    }

    @Test
    void respectsTheDirectionWhenMaximizing() {
        // Maximizing, 7 is below the median 8 (pruned) and 9 above it (kept): the opposite of minimizing.
        assertThat(prune(MEDIAN, Direction.MAXIMIZE, FIVE_COMPLETE, trial(5, TrialState.RUNNING, 1, 7)).prune()).isTrue();
        assertThat(prune(MEDIAN, Direction.MAXIMIZE, FIVE_COMPLETE, trial(6, TrialState.RUNNING, 1, 9)).prune()).isFalse();
        assertThat(prune(MEDIAN, Direction.MINIMIZE, FIVE_COMPLETE, trial(5, TrialState.RUNNING, 20, 7)).prune()).isFalse();
        assertThat(prune(MEDIAN, Direction.MINIMIZE, FIVE_COMPLETE, trial(6, TrialState.RUNNING, 20, 9)).prune()).isTrue();
    }

    @Test
    void percentile25CutsMoreThanPercentile75WhenMinimizing() {
        TrialView seven = trial(5, TrialState.RUNNING, 20, 7);
        // 25th percentile 6: 7 is worse, pruned. 75th percentile 10: 7 is better, kept.
        Verdict p25 = prune(new PercentilePruner(25, 5, 0, 1, 1, 5), Direction.MINIMIZE, FIVE_COMPLETE, seven);
        Verdict p75 = prune(new PercentilePruner(75, 5, 0, 1, 1, 5), Direction.MINIMIZE, FIVE_COMPLETE, seven);

        assertThat(p25.prune()).isTrue();
        assertThat(p25.reason()).contains("worse than the 25th percentile 6 of 5 other trials");
        assertThat(p75.prune()).isFalse();
        assertThat(p75.reason()).contains("not worse than the 75th percentile 10");
    }

    @Test
    void percentile25KeepsTheTopQuarterWhenMaximizing() {
        // Maximizing at percentile 25 compares with the 75th percentile (10): 9 is below it, pruned.
        // At percentile 75 it compares with the 25th (6): 9 is above it, kept.
        TrialView nine = trial(5, TrialState.RUNNING, 0, 9);
        Verdict p25 = prune(new PercentilePruner(25, 5, 0, 1, 1, 5), Direction.MAXIMIZE, FIVE_COMPLETE, nine);
        Verdict p75 = prune(new PercentilePruner(75, 5, 0, 1, 1, 5), Direction.MAXIMIZE, FIVE_COMPLETE, nine);

        assertThat(p25.prune()).isTrue();
        assertThat(p25.reason()).contains("worse than the 75th percentile 10");
        assertThat(p75.prune()).isFalse();
        assertThat(p75.reason()).contains("not worse than the 25th percentile 6");
    }

    @Test
    void neverPrunesDuringStartUpOrWarmUp() {
        TrialView clearlyWorst = trial(5, TrialState.RUNNING, 100, 100, 100);

        Verdict startUp = prune(new MedianPruner(6, 0, 1, 1, 0), Direction.MINIMIZE, FIVE_COMPLETE, clearlyWorst);
        Verdict warmUp = prune(new MedianPruner(5, 4, 1, 1, 0), Direction.MINIMIZE, FIVE_COMPLETE, clearlyWorst);
        Verdict afterWarmUp = prune(new MedianPruner(5, 3, 1, 1, 0), Direction.MINIMIZE, FIVE_COMPLETE, clearlyWorst);

        assertThat(startUp).isEqualTo(Verdict.keep(
                "start-up: trial 5 is one of the first n_startup_trials 6, which are never pruned"));
        assertThat(warmUp).isEqualTo(Verdict.keep("warm-up: step 3 < n_warmup_steps 4"));
        assertThat(afterWarmUp.prune()).isTrue();
    }

    @Test
    void optunasRuleWaitsForCompletedTrials() {
        TrialView clearlyWorst = trial(5, TrialState.RUNNING, 100, 100, 100);
        Verdict startUp = prune(PercentilePruner.optuna(50, 6, 0, 1, 1), Direction.MINIMIZE, FIVE_COMPLETE, clearlyWorst);
        Verdict noneComplete = prune(PercentilePruner.optuna(50, 0, 0, 1, 1), Direction.MINIMIZE,
                List.of(trial(0, TrialState.RUNNING, 1, 1, 1)), clearlyWorst);

        assertThat(startUp).isEqualTo(Verdict.keep("start-up: 5 of n_startup_trials 6 trials complete"));
        assertThat(noneComplete).isEqualTo(Verdict.keep("start-up: no trial is complete yet"));
    }

    @Test
    void checksOnlyTheFirstReportOfEachInterval() {
        // interval_steps 2 from warm-up 1: pruning steps 1, 3, 5. Steps 2 and 4 are skipped.
        Pruner everyOther = new MedianPruner(5, 1, 2, 1, 0);
        TrialView atStep2 = trial(5, TrialState.RUNNING, 100, 100);
        TrialView atStep3 = trial(5, TrialState.RUNNING, 100, 100, 100);

        assertThat(prune(everyOther, Direction.MINIMIZE, FIVE_COMPLETE, atStep2)).isEqualTo(Verdict.keep(
                "step 2 is not the trial's first report in its pruning interval (n_warmup_steps 1, interval_steps 2)"));
        assertThat(prune(everyOther, Direction.MINIMIZE, FIVE_COMPLETE, atStep3).prune()).isTrue();
    }

    @Test
    void aMissedPruningStepIsCheckedAtTheNextReport() {
        // Pruning steps 0, 3, 6. The trial reported 1 then 4: nothing at 3, so step 4 is checked.
        List<TrialView> complete = List.of(curve(0, Map.of(4, 1.0)), curve(1, Map.of(4, 2.0)));
        Pruner pruner = new MedianPruner(0, 0, 3, 1, 0);
        TrialView reported1And4 = new TrialView(2, TrialState.RUNNING, new TreeMap<>(Map.of(1, 50.0, 4, 50.0)), List.of());
        TrialView reported3And4 = new TrialView(3, TrialState.RUNNING, new TreeMap<>(Map.of(3, 50.0, 4, 50.0)), List.of());

        assertThat(prune(pruner, Direction.MINIMIZE, complete, reported1And4).prune()).isTrue();
        assertThat(prune(pruner, Direction.MINIMIZE, complete, reported3And4).prune()).isFalse();
    }

    @Test
    void runningTrialsAreEvidenceWhileOptunaCountsCompletedTrialsOnly() {
        List<TrialView> others = List.of(trial(0, TrialState.COMPLETE, 1, 1),
                trial(1, TrialState.PRUNED, 50, 50), trial(2, TrialState.RUNNING, 60, 60), trial(3, TrialState.FAIL, 70, 70));
        TrialView current = trial(4, TrialState.RUNNING, 30, 30);

        Verdict concurrent = prune(new MedianPruner(1, 0, 1, 1, 2), Direction.MINIMIZE, others, current);
        Verdict optuna = prune(PercentilePruner.optuna(50, 1, 0, 1, 1), Direction.MINIMIZE, others, current);

        // Median of the completed 1 and the running 60 is 30.5: 30 is not worse (pruned and failed
        // trials stay out, as in Optuna). Optuna's median is that of [1]: pruned.
        assertThat(concurrent).isEqualTo(Verdict.keep(
                "best value 30 up to step 2 is not worse than the median 30.5 of 2 other trials at that step (minimize)"));
        assertThat(optuna.prune()).isTrue();
        assertThat(optuna.reason()).contains("the median 1 of 1 completed trials");
    }

    @Test
    void prunesWhileTheEarlierTrialsStillRun() {
        // Five trials running in parallel, none complete: Optuna could not prune; here the sixth is judged.
        List<TrialView> running = List.of(trial(0, TrialState.RUNNING, 5, 4), trial(1, TrialState.RUNNING, 7, 6),
                trial(2, TrialState.RUNNING, 9, 8), trial(3, TrialState.RUNNING, 11, 10), trial(4, TrialState.RUNNING, 13, 12));
        TrialView worst = trial(5, TrialState.RUNNING, 20, 20);
        assertThat(prune(MEDIAN, Direction.MINIMIZE, running, worst)).isEqualTo(Verdict.stop(
                "best value 20 up to step 2 is worse than the median 8 of 5 other trials at that step (minimize)"));
        assertThat(prune(PercentilePruner.optuna(50, 5, 0, 1, 1), Direction.MINIMIZE, running, worst).prune()).isFalse();
    }

    @Test
    void needsMinReportsAtTheStep() {
        List<TrialView> three = FIVE_COMPLETE.subList(0, 3);
        Verdict few = prune(new MedianPruner(0, 0, 1, 1, 4), Direction.MINIMIZE, three, trial(5, TrialState.RUNNING, 100, 100));
        assertThat(few).isEqualTo(Verdict.keep("3 other trials reported step 2, fewer than min_reports 4"));
        assertThat(prune(new MedianPruner(0, 0, 1, 1, 3), Direction.MINIMIZE, three,
                trial(5, TrialState.RUNNING, 100, 100)).prune()).isTrue();
    }

    @Test
    void needsNMinTrialsAtTheStep() {
        Verdict v = prune(new MedianPruner(0, 0, 1, 6, 0), Direction.MINIMIZE, FIVE_COMPLETE, trial(5, TrialState.RUNNING, 100, 100));
        assertThat(v).isEqualTo(Verdict.keep("5 other trials reported step 2, fewer than n_min_trials 6"));
        // Only trials that reported this very step count: none reported step 4.
        Verdict step4 = prune(new MedianPruner(0, 0, 1, 1, 0), Direction.MINIMIZE, FIVE_COMPLETE,
                trial(5, TrialState.RUNNING, 100, 100, 100, 100));
        assertThat(step4.prune()).isFalse();
    }

    @Test
    void nanReportsOfCompletedTrialsCountForNMinTrialsButNotInThePercentile() {
        // As in Optuna: two reports at step 1 satisfy n_min_trials 2; the percentile is over [3] only.
        List<TrialView> complete = List.of(trial(0, TrialState.COMPLETE, Double.NaN), trial(1, TrialState.COMPLETE, 3));
        Verdict v = prune(new MedianPruner(0, 0, 1, 2, 0), Direction.MINIMIZE, complete, trial(2, TrialState.RUNNING, 4));
        assertThat(v).isEqualTo(Verdict.stop(
                "best value 4 up to step 1 is worse than the median 3 of 1 other trials at that step (minimize)"));
    }

    @Test
    void neverPrunesTheBestTrial() {
        for (Direction direction : Direction.values()) {
            double best = direction == Direction.MINIMIZE ? 0 : 100;
            for (double p : new double[] {0, 25, 50, 75, 100}) {
                Verdict v = prune(new PercentilePruner(p, 0, 0, 1, 1, 0), direction, FIVE_COMPLETE,
                        trial(5, TrialState.RUNNING, best, best));
                assertThat(v.prune()).as("%s at percentile %s: %s", direction, p, v.reason()).isFalse();
            }
        }
    }

    @Test
    void prunesATrialThatReportedOnlyNan() {
        Verdict v = prune(MEDIAN, Direction.MINIMIZE, FIVE_COMPLETE, trial(5, TrialState.RUNNING, Double.NaN, Double.NaN));
        assertThat(v).isEqualTo(Verdict.stop("every value reported up to step 2 is NaN"));
    }

    @Test
    void aNanAfterFiniteValuesIsJudgedByTheBestFiniteValueAsInOptuna() {
        assertThat(prune(MEDIAN, Direction.MINIMIZE, FIVE_COMPLETE, trial(5, TrialState.RUNNING, 1, Double.NaN)).prune()).isFalse();
        assertThat(prune(MEDIAN, Direction.MINIMIZE, FIVE_COMPLETE, trial(5, TrialState.RUNNING, 20, Double.NaN)).prune()).isTrue();
    }

    @Test
    void aTrialWithoutReportsIsKept() {
        TrialView silent = new TrialView(5, TrialState.RUNNING, new TreeMap<>(), List.of());
        assertThat(prune(MEDIAN, Direction.MINIMIZE, FIVE_COMPLETE, silent))
                .isEqualTo(Verdict.keep("no intermediate value reported yet"));
    }

    @Test
    void percentileInterpolatesLikeNumpy() {
        assertThat(PercentilePruner.percentile(new double[] {12, 4, 8, 10, 6}, 25)).isEqualTo(6.0);
        assertThat(PercentilePruner.percentile(new double[] {1, 2}, 50)).isEqualTo(1.5);
        assertThat(PercentilePruner.percentile(new double[] {1, 2, 3, 4}, 10)).isEqualTo(1.3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(PercentilePruner.percentile(new double[] {5}, 50)).isEqualTo(5.0);
        assertThat(PercentilePruner.percentile(new double[] {1, 2}, 100)).isEqualTo(2.0);
        // numpy's arithmetic on infinities: np.nanpercentile([1, inf], 0) and ([inf], 50) are nan.
        assertThat(PercentilePruner.percentile(new double[] {1, Double.POSITIVE_INFINITY}, 0)).isNaN();
        assertThat(PercentilePruner.percentile(new double[] {Double.POSITIVE_INFINITY}, 50)).isNaN();
        assertThat(PercentilePruner.percentile(new double[] {Double.NEGATIVE_INFINITY, 1}, 50)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void multiObjectiveStudiesCannotBePruned() {
        TrialView current = trial(5, TrialState.RUNNING, 100, 100);
        StudyView twoObjectives = new StudyView("mo", List.of(Direction.MINIMIZE, Direction.MAXIMIZE), FIVE_COMPLETE);
        assertThatThrownBy(() -> MEDIAN.prune(twoObjectives, current))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pruning needs a single-objective study");
    }

    @Test
    void rejectsOptionsOutsideOptunasRanges() {
        assertThatThrownBy(() -> new PercentilePruner(-1, 0, 0, 1, 1, 0)).hasMessage("percentile must be between 0 and 100 inclusive, but got -1.0");
        assertThatThrownBy(() -> new MedianPruner(0, 0, 1, 1, -1)).hasMessage("min_reports must be >= 0, but got -1");
        assertThatThrownBy(() -> new MedianPruner(-1, 0, 1, 1, 0)).hasMessage("n_startup_trials must be >= 0, but got -1");
        assertThatThrownBy(() -> new MedianPruner(0, -1, 1, 1, 0)).hasMessage("n_warmup_steps must be >= 0, but got -1");
        assertThatThrownBy(() -> new MedianPruner(0, 0, 0, 1, 0)).hasMessage("interval_steps must be >= 1, but got 0");
        assertThatThrownBy(() -> new MedianPruner(0, 0, 1, 0, 0)).hasMessage("n_min_trials must be >= 1, but got 0");
    }

    @Test
    void nopPrunerNeverPrunes() {
        Verdict v = prune(new NopPruner(), Direction.MINIMIZE, FIVE_COMPLETE, trial(5, TrialState.RUNNING, Double.NaN, 1e9));
        assertThat(v).isEqualTo(Verdict.keep("pruning is off for this study"));
    }

    private static TrialView curve(int number, Map<Integer, Double> values) {
        return new TrialView(number, TrialState.COMPLETE, new TreeMap<>(values), List.of(0.0));
    }
}

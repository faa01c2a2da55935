package io.hyperstream.pruner.algorithm;

import static org.assertj.core.api.Assertions.assertThat;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PercentilePrunerTest {

    /** A trial that reported the given values at steps 1, 2, 3... */
    private static TrialRecord trial(int number, TrialState state, double... values) {
        TreeMap<Integer, Double> curve = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            curve.put(i + 1, values[i]);
        }
        return new TrialRecord(number, state, curve);
    }

    private static Verdict decide(Pruner pruner, Direction direction, List<TrialRecord> finished, TrialRecord current) {
        List<TrialRecord> all = new ArrayList<>(finished);
        all.add(current);
        return pruner.decide(new PrunerStudy(direction, all), current, current.lastStep());
    }

    // Completed trials at step 2 reported 4, 6, 8, 10, 12: median 8, 25th percentile 6, 75th 10.
    private static final List<TrialRecord> FIVE_COMPLETE = List.of(
            trial(0, TrialState.COMPLETE, 5, 4, 3), trial(1, TrialState.COMPLETE, 7, 6, 5),
            trial(2, TrialState.COMPLETE, 9, 8, 7), trial(3, TrialState.COMPLETE, 11, 10, 9),
            trial(4, TrialState.COMPLETE, 13, 12, 11));

    @Test
    void prunesATrialWorseThanTheMedianWhenMinimizing() {
        Pruner median = PercentilePruner.median(5, 0, 1, 1);

        Verdict worse = decide(median, Direction.MINIMIZE, FIVE_COMPLETE, trial(5, TrialState.RUNNING, 12, 9));
        Verdict better = decide(median, Direction.MINIMIZE, FIVE_COMPLETE, trial(6, TrialState.RUNNING, 12, 7));

        assertThat(worse.prune()).isTrue();
        assertThat(worse.reason()).contains("best value 9 so far at step 2 against the median 8 of 5 completed trials");
        assertThat(better.prune()).isFalse();
    }

    @Test
    void comparesTheBestValueSoFarNotTheLatest() {
        // Reported 7 at step 1 and 9 at step 2: its best so far (7) is better than the median 8.
        Verdict v = decide(PercentilePruner.median(5, 0, 1, 1), Direction.MINIMIZE, FIVE_COMPLETE,
                trial(5, TrialState.RUNNING, 7, 9));
        assertThat(v.prune()).isFalse();
    }

    @Test
    void respectsTheDirectionWhenMaximizing() {
        Pruner median = PercentilePruner.median(5, 0, 1, 1);

        assertThat(decide(median, Direction.MAXIMIZE, FIVE_COMPLETE, trial(5, TrialState.RUNNING, 1, 7)).prune()).isTrue();
        assertThat(decide(median, Direction.MAXIMIZE, FIVE_COMPLETE, trial(6, TrialState.RUNNING, 1, 9)).prune()).isFalse();
    }

    @Test
    void percentileChoosesHowMuchIsCut() {
        TrialRecord seven = trial(5, TrialState.RUNNING, 20, 7);
        // 25th percentile 6 when minimizing: 7 is worse, pruned. 75th percentile 10: 7 is better, kept.
        assertThat(decide(new PercentilePruner(25, 5, 0, 1, 1), Direction.MINIMIZE, FIVE_COMPLETE, seven).prune()).isTrue();
        assertThat(decide(new PercentilePruner(75, 5, 0, 1, 1), Direction.MINIMIZE, FIVE_COMPLETE, seven).prune()).isFalse();
        assertThat(PercentilePruner.percentile(new double[] {4, 6, 8, 10, 12}, 25)).isEqualTo(6.0);
        assertThat(PercentilePruner.percentile(new double[] {1, 2}, 50)).isEqualTo(1.5);
    }

    @Test
    void neverPrunesDuringStartUpOrWarmUp() {
        TrialRecord clearlyWorst = trial(5, TrialState.RUNNING, 100, 100, 100);

        Verdict startUp = decide(PercentilePruner.median(6, 0, 1, 1), Direction.MINIMIZE, FIVE_COMPLETE, clearlyWorst);
        Verdict warmUp = decide(PercentilePruner.median(5, 4, 1, 1), Direction.MINIMIZE, FIVE_COMPLETE, clearlyWorst);
        Verdict afterWarmUp = decide(PercentilePruner.median(5, 3, 1, 1), Direction.MINIMIZE, FIVE_COMPLETE, clearlyWorst);

        assertThat(startUp.prune()).isFalse();
        assertThat(startUp.reason()).isEqualTo("start-up: 5 of 6 trials complete");
        assertThat(warmUp.prune()).isFalse();
        assertThat(warmUp.reason()).isEqualTo("warm-up: step 3 < n_warmup_steps 4");
        assertThat(afterWarmUp.prune()).isTrue();
    }

    @Test
    void runningAndPrunedTrialsAreNotEvidence() {
        List<TrialRecord> others = List.of(trial(0, TrialState.COMPLETE, 1, 1),
                trial(1, TrialState.PRUNED, 50, 50), trial(2, TrialState.RUNNING, 60, 60));
        Verdict v = decide(PercentilePruner.median(1, 0, 1, 1), Direction.MINIMIZE, others, trial(3, TrialState.RUNNING, 2, 2));
        assertThat(v.prune()).isTrue();
        assertThat(v.reason()).contains("of 1 completed trials");
    }

    @Test
    void needsNMinTrialsAtTheStep() {
        Verdict v = decide(PercentilePruner.median(0, 0, 1, 6), Direction.MINIMIZE, FIVE_COMPLETE, trial(5, TrialState.RUNNING, 100, 100));
        assertThat(v.prune()).isFalse();
        assertThat(v.reason()).contains("fewer than n_min_trials 6");
    }

    @Test
    void neverPrunesTheBestTrial() {
        Verdict v = decide(PercentilePruner.median(5, 0, 1, 1), Direction.MINIMIZE, FIVE_COMPLETE, trial(5, TrialState.RUNNING, 1, 1));
        assertThat(v.prune()).isFalse();
    }

    @Test
    void prunesANanReport() {
        Verdict v = decide(PercentilePruner.median(5, 0, 1, 1), Direction.MINIMIZE, FIVE_COMPLETE,
                trial(5, TrialState.RUNNING, Double.NaN, Double.NaN));
        assertThat(v).isEqualTo(Verdict.stop("the trial reported NaN"));
    }

    @Test
    void decisionsAreTheSameWhenReplayed() {
        Pruner median = PercentilePruner.median(5, 0, 1, 1);
        TrialRecord current = trial(5, TrialState.RUNNING, 12, 9);
        assertThat(decide(median, Direction.MINIMIZE, FIVE_COMPLETE, current))
                .isEqualTo(decide(PercentilePruner.median(5, 0, 1, 1), Direction.MINIMIZE, FIVE_COMPLETE, current));
    }
}

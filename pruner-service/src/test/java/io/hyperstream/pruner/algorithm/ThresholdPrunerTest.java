package io.hyperstream.pruner.algorithm;

import static io.hyperstream.pruner.algorithm.Trials.prune;
import static io.hyperstream.pruner.algorithm.Trials.trial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Optuna's ThresholdPruner: absolute bounds on the latest value, NaN pruned. */
class ThresholdPrunerTest {

    private final Pruner bounds = new ThresholdPruner(0, 1, 2, 1);

    @Test
    void prunesTheLatestValueOutsideTheBounds() {
        assertThat(prune(bounds, Direction.MINIMIZE, List.of(), trial(0, TrialState.RUNNING, 0.5, 0.5, 1.5)))
                .isEqualTo(Verdict.stop("value 1.5 at step 3 is above upper 1"));
        assertThat(prune(bounds, Direction.MAXIMIZE, List.of(), trial(0, TrialState.RUNNING, 0.5, 0.5, -0.5)))
                .isEqualTo(Verdict.stop("value -0.5 at step 3 is below lower 0"));
        assertThat(prune(bounds, Direction.MINIMIZE, List.of(), trial(0, TrialState.RUNNING, 9, 9, 0.5)))
                .isEqualTo(Verdict.keep("value 0.5 at step 3 is within [0, 1]"));
        assertThat(prune(bounds, Direction.MINIMIZE, List.of(), trial(0, TrialState.RUNNING, 0.5, 0.5, Double.NaN)))
                .isEqualTo(Verdict.stop("value at step 3 is NaN"));
    }

    @Test
    void waitsForTheWarmUpAndChecksEachInterval() {
        assertThat(prune(bounds, Direction.MINIMIZE, List.of(), trial(0, TrialState.RUNNING, 9)))
                .isEqualTo(Verdict.keep("warm-up: step 1 < n_warmup_steps 2"));
        Pruner everyThird = new ThresholdPruner(Double.NEGATIVE_INFINITY, 1, 0, 3);
        assertThat(prune(everyThird, Direction.MINIMIZE, List.of(), trial(0, TrialState.RUNNING, 9, 9)).prune()).isFalse();
        assertThat(prune(everyThird, Direction.MINIMIZE, List.of(), trial(0, TrialState.RUNNING, 9, 9, 9)).prune()).isTrue();
    }

    @Test
    void rejectsCrossedBounds() {
        assertThatThrownBy(() -> new ThresholdPruner(2, 1, 0, 1)).hasMessage("lower <= upper must hold, but got lower=2.0, upper=1.0");
    }
}

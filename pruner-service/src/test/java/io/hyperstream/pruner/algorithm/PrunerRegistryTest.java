package io.hyperstream.pruner.algorithm;

import static io.hyperstream.pruner.algorithm.Trials.prune;
import static io.hyperstream.pruner.algorithm.Trials.trial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.model.spec.PrunerSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrunerRegistryTest {

    private static Pruner create(String type, Map<String, Object> options) {
        return PrunerRegistry.create(new PrunerSpec(type, options));
    }

    @Test
    void knowsTheWalkingSkeletonsPruners() {
        assertThat(PrunerRegistry.types()).containsExactly("none", "nop", "median", "percentile");
        assertThat(create("none", null)).isInstanceOf(NopPruner.class);
        assertThat(create("nop", Map.of())).isInstanceOf(NopPruner.class);
        assertThat(create("median", null)).isInstanceOf(MedianPruner.class);
        assertThat(create("percentile", Map.of("percentile", 25.0))).isInstanceOf(PercentilePruner.class);
    }

    @Test
    void usesOptunasDefaultsAndTheGivenOptions() {
        assertThat(create("median", null)).hasToString(
                "MedianPruner(percentile=50, n_startup_trials=5, n_warmup_steps=0, interval_steps=1, n_min_trials=1)");
        assertThat(create("percentile", Map.of("percentile", 12.5, "n_startup_trials", 2, "n_warmup_steps", 3,
                "interval_steps", 4, "n_min_trials", 5))).hasToString(
                "PercentilePruner(percentile=12.5, n_startup_trials=2, n_warmup_steps=3, interval_steps=4, n_min_trials=5)");
        // Integral numbers written as decimals (YAML 2.0) are integers.
        assertThat(create("median", Map.of("n_warmup_steps", 2.0))).hasToString(
                "MedianPruner(percentile=50, n_startup_trials=5, n_warmup_steps=2, interval_steps=1, n_min_trials=1)");
    }

    @Test
    void theOptionsChangeTheVerdicts() {
        // Two complete trials: the default n_startup_trials (5) keeps a clearly worse trial, 2 prunes it.
        List<TrialView> two = List.of(trial(0, TrialState.COMPLETE, 1), trial(1, TrialState.COMPLETE, 2));
        TrialView worse = trial(2, TrialState.RUNNING, 50);
        assertThat(prune(create("median", null), Direction.MINIMIZE, two, worse).prune()).isFalse();
        assertThat(prune(create("median", Map.of("n_startup_trials", 2)), Direction.MINIMIZE, two, worse).prune()).isTrue();
    }

    @Test
    void anUnknownTypeIsNamed() {
        assertThatThrownBy(() -> create("hyperbnd", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pruner.type 'hyperbnd' is unknown; known pruners: [none, nop, median, percentile]");
    }

    @Test
    void anUnknownOptionIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> create("median", Map.of("warmup", 5)))
                .hasMessage("pruner.options.warmup is not an option of the median pruner; its options are "
                        + "[interval_steps, n_min_trials, n_startup_trials, n_warmup_steps]");
        assertThatThrownBy(() -> create("median", Map.of("percentile", 25)))
                .hasMessageStartingWith("pruner.options.percentile is not an option of the median pruner");
        assertThatThrownBy(() -> create("none", Map.of("n_startup_trials", 1)))
                .hasMessage("pruner.options.n_startup_trials is not an option of the none pruner; its options are []");
    }

    @Test
    void aBadValueIsNamedWithWhatWasGiven() {
        assertThatThrownBy(() -> create("median", Map.of("n_warmup_steps", 2.5)))
                .hasMessage("pruner.options.n_warmup_steps of the median pruner must be an integer, but got 2.5");
        assertThatThrownBy(() -> create("median", Map.of("n_startup_trials", "5")))
                .hasMessage("pruner.options.n_startup_trials of the median pruner must be an integer, but got \"5\" (a string)");
        assertThatThrownBy(() -> create("median", Map.of("interval_steps", true)))
                .hasMessage("pruner.options.interval_steps of the median pruner must be an integer, but got true");
        assertThatThrownBy(() -> create("median", Map.of("n_min_trials", 3_000_000_000L)))
                .hasMessage("pruner.options.n_min_trials of the median pruner must be an integer, but got 3000000000");
        assertThatThrownBy(() -> create("median", Map.of("interval_steps", 0)))
                .hasMessage("pruner.options.interval_steps of the median pruner must be >= 1, but got 0");
        assertThatThrownBy(() -> create("median", Map.of("n_startup_trials", -1)))
                .hasMessage("pruner.options.n_startup_trials of the median pruner must be >= 0, but got -1");
        assertThatThrownBy(() -> create("percentile", Map.of()))
                .hasMessage("pruner.options.percentile is required for the percentile pruner");
        assertThatThrownBy(() -> create("percentile", Map.of("percentile", 120)))
                .hasMessage("pruner.options.percentile of the percentile pruner must be between 0 and 100 inclusive, but got 120");
        assertThatThrownBy(() -> create("percentile", Map.of("percentile", "half")))
                .hasMessage("pruner.options.percentile of the percentile pruner must be a number, but got \"half\" (a string)");
    }
}

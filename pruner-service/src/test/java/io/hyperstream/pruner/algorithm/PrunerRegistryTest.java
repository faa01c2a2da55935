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

/** The registry builds each pruner type with Optuna's defaults; PrunerSettingsTest (shared-model) checks every option. */
class PrunerRegistryTest {

    private static Pruner create(String type, Map<String, Object> options) {
        return PrunerRegistry.create(new PrunerSpec(type, options), 40);
    }

    @Test
    void buildsEveryPrunerType() {
        assertThat(PrunerRegistry.types()).containsExactly("none", "nop", "median", "percentile", "patient", "threshold",
                "wilcoxon", "sha", "hyperband");
        assertThat(create("none", null)).isInstanceOf(NopPruner.class);
        assertThat(create("nop", Map.of())).isInstanceOf(NopPruner.class);
        assertThat(create("median", null)).isInstanceOf(PercentilePruner.class);
        assertThat(create("percentile", Map.of("percentile", 25.0))).isInstanceOf(PercentilePruner.class);
        assertThat(create("patient", Map.of("patience", 2))).isInstanceOf(PatientPruner.class);
        assertThat(create("threshold", Map.of("upper", 1.0))).isInstanceOf(ThresholdPruner.class);
        assertThat(create("wilcoxon", null)).isInstanceOf(WilcoxonPruner.class);
        assertThat(create("sha", null)).isInstanceOf(SuccessiveHalvingPruner.class);
        assertThat(create("hyperband", null)).isInstanceOf(HyperbandPruner.class);
    }

    @Test
    void usesOptunasDefaultsAndTheGivenOptions() {
        assertThat(create("median", null)).hasToString(
                "median(percentile=50, n_startup_trials=5, n_warmup_steps=0, interval_steps=1, n_min_trials=1, min_reports=5)");
        assertThat(create("percentile", Map.of("percentile", 12.5, "n_startup_trials", 2, "n_warmup_steps", 3,
                "interval_steps", 4, "n_min_trials", 5, "min_reports", 0))).hasToString(
                "percentile(percentile=12.5, n_startup_trials=2, n_warmup_steps=3, interval_steps=4, n_min_trials=5, min_reports=0)");
        // Integral numbers written as decimals (YAML 2.0) are integers.
        assertThat(create("median", Map.of("n_warmup_steps", 2.0)).toString()).contains("n_warmup_steps=2,");
        assertThat(create("patient", Map.of("patience", 3, "wrapped", Map.of("type", "median",
                "options", Map.of("n_warmup_steps", 5))))).hasToString("patient(patience=3, min_delta=0, wrapped=median("
                + "percentile=50, n_startup_trials=5, n_warmup_steps=5, interval_steps=1, n_min_trials=1, min_reports=5))");
        assertThat(create("threshold", Map.of("lower", 0.5))).hasToString(
                "threshold(lower=0.5, upper=Infinity, n_warmup_steps=0, interval_steps=1)");
        assertThat(create("wilcoxon", null)).hasToString("wilcoxon(p_threshold=0.1, n_startup_steps=2)");
        assertThat(create("sha", null)).hasToString("sha(min_resource=1 (auto), reduction_factor=4, "
                + "min_early_stopping_rate=0, bootstrap_count=0, min_reports=2)");
        assertThat(create("hyperband", null)).hasToString("hyperband(min_resource=1, max_resource=40 (auto), "
                + "reduction_factor=3, bootstrap_count=0, min_reports=2, brackets=4)");
    }

    @Test
    void theOptionsChangeTheVerdicts() {
        // Two trials ahead: the default min_reports (5) keeps a clearly worse trial, 2 prunes it.
        List<TrialView> two = List.of(trial(0, TrialState.COMPLETE, 1), trial(1, TrialState.RUNNING, 2));
        TrialView worse = trial(5, TrialState.RUNNING, 50);
        assertThat(prune(create("median", null), Direction.MINIMIZE, two, worse).prune()).isFalse();
        assertThat(prune(create("median", Map.of("min_reports", 2)), Direction.MINIMIZE, two, worse).prune()).isTrue();
    }

    @Test
    void badTypesAndOptionsAreNamed() {
        assertThatThrownBy(() -> create("hyperbnd", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pruner.type 'hyperbnd' is unknown; known pruners: "
                        + "[none, nop, median, percentile, patient, threshold, wilcoxon, sha, hyperband]");
        assertThatThrownBy(() -> create("sha", Map.of("reduction_factor", 1)))
                .hasMessage("pruner.options.reduction_factor of the sha pruner must be >= 2, but got 1");
    }
}

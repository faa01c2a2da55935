package io.hyperstream.model.pruner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.spec.PrunerSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PrunerSettingsTest {

    private static PrunerSettings read(String type, Map<String, Object> options) {
        return PrunerSettings.read(new PrunerSpec(type, options), 40);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void optunasDefaults() {
        assertThat(read("none", null)).isEqualTo(new PrunerSettings.None("none"));
        assertThat(read("nop", null).prunes()).isFalse();
        assertThat(read("median", null)).isEqualTo(new PrunerSettings.Percentile("median", 50, 5, 0, 1, 1, 5));
        assertThat(read("percentile", map("percentile", 25))).isEqualTo(
                new PrunerSettings.Percentile("percentile", 25, 5, 0, 1, 1, 5));
        assertThat(read("patient", map("patience", 3))).isEqualTo(new PrunerSettings.Patient(3, 0, null));
        assertThat(read("threshold", map("upper", 2))).isEqualTo(
                new PrunerSettings.Threshold(Double.NEGATIVE_INFINITY, 2, 0, 1));
        assertThat(read("wilcoxon", null)).isEqualTo(new PrunerSettings.Wilcoxon(0.1, 2));
        // min_resource "auto": max_epochs / 100 rounded up, as in Optuna (40 epochs: 1).
        assertThat(read("sha", null)).isEqualTo(new PrunerSettings.SuccessiveHalving(1, true, 4, 0, 0, 2));
        assertThat(read("hyperband", null)).isEqualTo(new PrunerSettings.Hyperband(1, 40, true, 3, 0, 2));
    }

    @Test
    void autoResourcesComeFromMaxEpochs() {
        // min_resource "auto" is 1% of max_epochs rounded up (Optuna's ceil(last_step / 100)), at least 1.
        assertThat(PrunerSettings.read(new PrunerSpec("sha", map("min_resource", "auto")), 300))
                .isEqualTo(new PrunerSettings.SuccessiveHalving(3, true, 4, 0, 0, 2));
        assertThat(PrunerSettings.read(new PrunerSpec("sha", map("min_resource", "auto")), 301))
                .isEqualTo(new PrunerSettings.SuccessiveHalving(4, true, 4, 0, 0, 2));
        assertThat(PrunerSettings.read(new PrunerSpec("sha", map()), 19))
                .isEqualTo(new PrunerSettings.SuccessiveHalving(1, true, 4, 0, 0, 2));
        assertThat(PrunerSettings.read(new PrunerSpec("hyperband", map("max_resource", "auto")), 81))
                .isEqualTo(new PrunerSettings.Hyperband(1, 81, true, 3, 0, 2));
        PrunerSettings.Hyperband h = (PrunerSettings.Hyperband) read("hyperband", map("min_resource", 2, "max_resource", 30,
                "reduction_factor", 2, "bootstrap_count", 1, "min_reports", 0));
        assertThat(h.brackets().count()).isEqualTo(4);
        assertThat(h.bracket(2)).isEqualTo(new PrunerSettings.SuccessiveHalving(2, false, 2, 2, 1, 0));
        assertThat(h.bracket(2).rungStep(0)).isEqualTo(8);
        assertThat(h.bracket(2).rungStep(1)).isEqualTo(16);
    }

    @Test
    void patientWrapsAnotherPruner() {
        PrunerSettings p = read("patient", map("patience", 2, "min_delta", 0.01,
                "wrapped", map("type", "median", "options", map("n_warmup_steps", 5))));
        assertThat(p).isEqualTo(new PrunerSettings.Patient(2, 0.01,
                new PrunerSettings.Percentile("median", 50, 5, 5, 1, 1, 5)));
        assertThat(read("patient", map("patience", 0, "wrapped", map("type", "none")))).isEqualTo(
                new PrunerSettings.Patient(0, 0, null));
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of("median", map("warmup", 5), "pruner.options.warmup is not an option of the median pruner; "
                        + "its options are [interval_steps, min_reports, n_min_trials, n_startup_trials, n_warmup_steps]"),
                Arguments.of("median", map("percentile", 25), "pruner.options.percentile is not an option of the median pruner;"
                        + " its options are [interval_steps, min_reports, n_min_trials, n_startup_trials, n_warmup_steps]"),
                Arguments.of("none", map("n_startup_trials", 1),
                        "pruner.options.n_startup_trials is not an option of the none pruner; its options are []"),
                Arguments.of("median", map("n_warmup_steps", 2.5),
                        "pruner.options.n_warmup_steps of the median pruner must be an integer, but got 2.5"),
                Arguments.of("median", map("n_startup_trials", "5"),
                        "pruner.options.n_startup_trials of the median pruner must be an integer, but got \"5\" (a string)"),
                Arguments.of("median", map("interval_steps", true),
                        "pruner.options.interval_steps of the median pruner must be an integer, but got true"),
                Arguments.of("median", map("n_min_trials", 3_000_000_000L),
                        "pruner.options.n_min_trials of the median pruner must be an integer, but got 3000000000"),
                Arguments.of("median", map("interval_steps", 0),
                        "pruner.options.interval_steps of the median pruner must be >= 1, but got 0"),
                Arguments.of("median", map("n_startup_trials", -1),
                        "pruner.options.n_startup_trials of the median pruner must be >= 0, but got -1"),
                Arguments.of("median", map("n_min_trials", 0),
                        "pruner.options.n_min_trials of the median pruner must be >= 1, but got 0"),
                Arguments.of("median", map("min_reports", -2),
                        "pruner.options.min_reports of the median pruner must be >= 0, but got -2"),
                Arguments.of("percentile", map(), "pruner.options.percentile is required for the percentile pruner"),
                Arguments.of("percentile", map("percentile", 120),
                        "pruner.options.percentile of the percentile pruner must be between 0 and 100 inclusive, but got 120"),
                Arguments.of("percentile", map("percentile", "half"),
                        "pruner.options.percentile of the percentile pruner must be a number, but got \"half\" (a string)"),
                Arguments.of("patient", map(), "pruner.options.patience is required for the patient pruner"),
                Arguments.of("patient", map("patience", -1),
                        "pruner.options.patience of the patient pruner must be >= 0, but got -1"),
                Arguments.of("patient", map("patience", 1, "min_delta", -0.5),
                        "pruner.options.min_delta of the patient pruner must be >= 0, but got -0.5"),
                Arguments.of("patient", map("patience", 1, "wrapped", "median"),
                        "pruner.options.wrapped of the patient pruner must be a pruner section such as "
                                + "{type: median, options: {...}}, but got \"median\" (a string)"),
                Arguments.of("patient", map("patience", 1, "wrapped", map("type", "median", "options", map("n_warmup_steps", -3))),
                        "pruner.options.wrapped.options.n_warmup_steps of the median pruner must be >= 0, but got -3"),
                Arguments.of("patient", map("patience", 1, "wrapped", map("type", "medain")),
                        "pruner.options.wrapped.type 'medain' is unknown; known pruners: "
                                + "[none, nop, median, percentile, patient, threshold, wilcoxon, sha, hyperband]"),
                Arguments.of("patient", map("patience", 1, "wrapped", map("kind", "median")),
                        "pruner.options.wrapped.kind is not a field of a pruner section; its fields are [options, type]"),
                Arguments.of("patient", map("patience", 1, "wrapped", map("options", map())),
                        "pruner.options.wrapped.type must name a pruner, but got null; known pruners: "
                                + "[none, nop, median, percentile, patient, threshold, wilcoxon, sha, hyperband]"),
                Arguments.of("threshold", map(),
                        "pruner.options.lower or pruner.options.upper is required for the threshold pruner (either or both)"),
                Arguments.of("threshold", map("lower", 3, "upper", 1),
                        "pruner.options.lower of the threshold pruner must be <= pruner.options.upper 1, but got 3"),
                Arguments.of("threshold", map("upper", "high"),
                        "pruner.options.upper of the threshold pruner must be a number, but got \"high\" (a string)"),
                Arguments.of("threshold", map("upper", 1, "n_warmup_steps", -1),
                        "pruner.options.n_warmup_steps of the threshold pruner must be >= 0, but got -1"),
                Arguments.of("threshold", map("upper", 1, "interval_steps", 0),
                        "pruner.options.interval_steps of the threshold pruner must be >= 1, but got 0"),
                Arguments.of("wilcoxon", map("p_threshold", 1.5),
                        "pruner.options.p_threshold of the wilcoxon pruner must be between 0 and 1 inclusive, but got 1.5"),
                Arguments.of("wilcoxon", map("n_startup_steps", -1),
                        "pruner.options.n_startup_steps of the wilcoxon pruner must be >= 0, but got -1"),
                Arguments.of("sha", map("min_resource", 0),
                        "pruner.options.min_resource of the sha pruner must be an integer >= 1 or \"auto\", but got 0"),
                Arguments.of("sha", map("min_resource", "automatic"),
                        "pruner.options.min_resource of the sha pruner must be an integer >= 1 or \"auto\", "
                                + "but got \"automatic\" (a string)"),
                Arguments.of("sha", map("reduction_factor", 1),
                        "pruner.options.reduction_factor of the sha pruner must be >= 2, but got 1"),
                Arguments.of("sha", map("min_early_stopping_rate", -1),
                        "pruner.options.min_early_stopping_rate of the sha pruner must be >= 0, but got -1"),
                Arguments.of("sha", map("bootstrap_count", -1),
                        "pruner.options.bootstrap_count of the sha pruner must be >= 0, but got -1"),
                Arguments.of("sha", map("min_reports", 1.5),
                        "pruner.options.min_reports of the sha pruner must be an integer, but got 1.5"),
                Arguments.of("hyperband", map("min_resource", "auto"),
                        "pruner.options.min_resource of the hyperband pruner must be an integer, but got \"auto\" (a string)"),
                Arguments.of("hyperband", map("max_resource", 0.5),
                        "pruner.options.max_resource of the hyperband pruner must be an integer >= 1 or \"auto\", but got 0.5"),
                Arguments.of("hyperband", map("min_resource", 10, "max_resource", 5),
                        "pruner.options.max_resource of the hyperband pruner must be >= pruner.options.min_resource 10, "
                                + "but got 5"),
                Arguments.of("hyperband", map("min_resource", 50),
                        "pruner.options.max_resource of the hyperband pruner is 'auto', the objective's max_epochs 40, "
                                + "which must be >= pruner.options.min_resource 50"),
                Arguments.of("hyperband", map("reduction_factor", 0),
                        "pruner.options.reduction_factor of the hyperband pruner must be >= 2, but got 0"),
                Arguments.of("hyperbnd", map(), "pruner.type 'hyperbnd' is unknown; known pruners: "
                        + "[none, nop, median, percentile, patient, threshold, wilcoxon, sha, hyperband]"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badOptions")
    void aBadOptionIsNamedWithItsValue(String type, Map<String, Object> options, String message) {
        assertThatThrownBy(() -> read(type, options)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}

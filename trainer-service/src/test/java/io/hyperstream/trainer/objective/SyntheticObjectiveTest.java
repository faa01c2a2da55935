package io.hyperstream.trainer.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hyperstream.model.function.SyntheticFunction;
import io.hyperstream.model.spec.Direction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticObjectiveTest {

    private final SyntheticObjective objective = new SyntheticObjective();

    @Test
    void theCurveImprovesEveryEpochAndReachesTheFunctionValueAtTheLast() throws Exception {
        List<Double> reported = new ArrayList<>();
        Evaluation result = objective.run(context(Map.of("function", "branin"), Map.of("x0", 0.0, "x1", 0.0), 10,
                (epoch, values, metrics) -> reported.add(values.get(0)) && false));

        double target = SyntheticFunction.BRANIN.evaluate(0, 0);
        assertThat(reported).hasSize(10);
        for (int i = 1; i < reported.size(); i++) {
            assertThat(reported.get(i)).isLessThan(reported.get(i - 1));
        }
        assertThat(reported.get(0)).isEqualTo(target + (1 + target) * 9 / 10);
        assertThat(reported.get(9)).isEqualTo(target);
        assertThat(result.values()).containsExactly(target);
        assertThat(result.metrics()).containsExactly(Map.entry("value", target));
    }

    @Test
    void whenMaximizingTheCurveRisesToTheFunctionValue() throws Exception {
        List<Double> reported = new ArrayList<>();
        objective.run(context(Map.of("function", "hartmann6", "direction", "maximize"),
                Map.of("x0", 0.2, "x1", 0.15, "x2", 0.48, "x3", 0.28, "x4", 0.31, "x5", 0.66), 5,
                (epoch, values, metrics) -> reported.add(values.get(0)) && false));

        for (int i = 1; i < reported.size(); i++) {
            assertThat(reported.get(i)).isGreaterThan(reported.get(i - 1));
        }
        assertThat(reported.get(4)).isEqualTo(
                SyntheticFunction.HARTMANN6.evaluate(0.2, 0.15, 0.48, 0.28, 0.31, 0.66));
    }

    @Test
    void aBetterTrialIsBetterAtEveryEpoch() {
        double[] targets = {-3.3, -1.0, -0.2, 0.0, 0.4, 5.0, 120.0};
        for (int epoch = 1; epoch <= 20; epoch++) {
            for (int i = 1; i < targets.length; i++) {
                assertThat(SyntheticObjective.curve(targets[i - 1], epoch, 20, Direction.MINIMIZE))
                        .isLessThan(SyntheticObjective.curve(targets[i], epoch, 20, Direction.MINIMIZE));
                assertThat(SyntheticObjective.curve(targets[i - 1], epoch, 20, Direction.MAXIMIZE))
                        .isLessThan(SyntheticObjective.curve(targets[i], epoch, 20, Direction.MAXIMIZE));
            }
        }
    }

    @Test
    void theObjectiveStopsAsSoonAsTheReporterSaysSo() throws Exception {
        List<Integer> epochs = new ArrayList<>();
        Evaluation result = objective.run(context(Map.of("function", "rosenbrock"),
                Map.of("x0", 0.5, "x1", 0.5, "x2", 0.5), 10, (epoch, values, metrics) -> {
                    epochs.add(epoch);
                    return epoch == 3;
                }));

        assertThat(epochs).containsExactly(1, 2, 3);
        assertThat(result.values().get(0)).isEqualTo(
                SyntheticObjective.curve(SyntheticFunction.ROSENBROCK.evaluate(0.5, 0.5, 0.5), 3, 10, Direction.MINIMIZE));
    }

    @Test
    void noiseIsDrawnFromTheTrialSeed() throws Exception {
        Map<String, Object> settings = Map.of("function", "ackley", "noise", 0.5);
        Map<String, Object> params = Map.of("x0", 1.0, "x1", 2.0);
        List<Double> first = new ArrayList<>();
        List<Double> again = new ArrayList<>();
        List<Double> otherSeed = new ArrayList<>();
        objective.run(context(settings, params, 4, 7, (e, v, m) -> first.add(v.get(0)) && false));
        objective.run(context(settings, params, 4, 7, (e, v, m) -> again.add(v.get(0)) && false));
        objective.run(context(settings, params, 4, 8, (e, v, m) -> otherSeed.add(v.get(0)) && false));

        assertThat(first).isEqualTo(again).isNotEqualTo(otherSeed);
        assertThat(first.get(3)).isNotEqualTo(SyntheticFunction.ACKLEY.evaluate(1, 2));
    }

    @Test
    void theMetricIsTheOneTheSpecNames() throws Exception {
        TrialContext context = new TrialContext("s", 0, Map.of("x0", 1.0, "x1", 1.0), Map.of("function", "rosenbrock"),
                List.of("loss"), 2, 1, (e, v, m) -> false);

        assertThat(objective.run(context).metrics()).containsOnlyKeys("loss");
    }

    @Test
    void anUnknownFunctionIsAClearError() {
        assertThatThrownBy(() -> objective.run(context(Map.of("function", "nope"), Map.of("x0", 1.0), 3, NEVER_STOP)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown synthetic function 'nope'; known functions: [branin, hartmann3, hartmann6, rosenbrock, ackley, sphere");
    }

    @Test
    void badSettingsAreClearErrors() {
        Map<String, Object> params = Map.of("x0", 1.0, "x1", 1.0);
        assertThatThrownBy(() -> objective.run(context(Map.of(), params, 3, NEVER_STOP)))
                .hasMessage("objective.settings.function is required");
        assertThatThrownBy(() -> objective.run(context(Map.of("function", "branin", "fucntion", "x"), params, 3, NEVER_STOP)))
                .hasMessage("unknown setting objective.settings.fucntion for objective kind 'synthetic'; "
                        + "known settings: [direction, epoch_delay_ms, fault, fault_epoch, function, noise]");
        assertThatThrownBy(() -> objective.run(context(Map.of("function", "branin", "noise", -1), params, 3, NEVER_STOP)))
                .hasMessage("objective.settings.noise must be >= 0.0, but got -1");
        assertThatThrownBy(() -> objective.run(context(Map.of("function", "branin", "epoch_delay_ms", "slow"), params, 3,
                NEVER_STOP)))
                .hasMessage("objective.settings.epoch_delay_ms must be a number, but got 'slow'");
        assertThatThrownBy(() -> objective.run(context(Map.of("function", "branin", "direction", "up"), params, 3,
                NEVER_STOP)))
                .hasMessage("objective.settings.direction must be 'minimize' or 'maximize', but got 'up'");
        assertThatThrownBy(() -> objective.run(new TrialContext("s", 0, params, Map.of("function", "branin"),
                List.of("a", "b"), 3, 1, NEVER_STOP)))
                .hasMessage("the synthetic objective measures one value, but the study optimizes 2 metrics [a, b]");
    }

    @Test
    void parametersMustBeTheFunctionsInputs() {
        Map<String, Object> branin = Map.of("function", "branin");
        assertThatThrownBy(() -> objective.run(context(branin, Map.of("x0", 1.0), 3, NEVER_STOP)))
                .hasMessage("branin takes 2 parameters (x0..x1), but the trial has 1: [x0]");
        assertThatThrownBy(() -> objective.run(context(branin, Map.of("x0", 1.0, "x1", 1.0, "x2", 1.0), 3, NEVER_STOP)))
                .hasMessage("branin takes 2 parameters (x0..x1), but the trial has 3: [x0, x1, x2]");
        assertThatThrownBy(() -> objective.run(context(branin, Map.of("lr", 0.1), 3, NEVER_STOP)))
                .hasMessage("branin takes 2 parameters (x0..x1) named x0, x1, ..., but the trial has none: "
                        + "its parameters are [lr]");
        assertThatThrownBy(() -> objective.run(context(Map.of("function", "rosenbrock"), ordered("x0", 1.0, "x2", 1.0), 3,
                NEVER_STOP)))
                .hasMessage("rosenbrock takes parameters x0..x<d-1> without gaps, but got [x0, x2]");
        assertThatThrownBy(() -> objective.run(context(branin, Map.of("x0", "a", "x1", 1.0), 3, NEVER_STOP)))
                .hasMessage("parameter 'x0' must be a number, but got 'a'");
    }

    @Test
    void otherParametersAreIgnored() throws Exception {
        Evaluation result = objective.run(context(Map.of("function", "branin"),
                Map.of("x0", Math.PI, "x1", 2.275, "optimizer", "adam"), 1, NEVER_STOP));

        assertThat(result.values().get(0)).isCloseTo(0.397887357729738, within(1e-6));
    }

    @Test
    void theRegistryNamesTheKindsItKnows() {
        ObjectiveRegistry registry = ObjectiveRegistry.standard();

        assertThat(registry.forKind("synthetic")).isInstanceOf(SyntheticObjective.class);
        assertThat(registry.kinds()).containsExactly("mlp-classifier", "synthetic");
        assertThatThrownBy(() -> registry.forKind("dl4j-cnn"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown objective kind 'dl4j-cnn'; this trainer runs: mlp-classifier, synthetic");
        assertThatThrownBy(() -> new ObjectiveRegistry(List.of(new SyntheticObjective(), new SyntheticObjective())))
                .hasMessageStartingWith("two objectives of kind 'synthetic'");
    }

    private static final EpochReporter NEVER_STOP = (epoch, values, metrics) -> false;

    private static TrialContext context(Map<String, Object> settings, Map<String, Object> params, int maxEpochs,
                                        EpochReporter reporter) {
        return context(settings, params, maxEpochs, 42, reporter);
    }

    private static TrialContext context(Map<String, Object> settings, Map<String, Object> params, int maxEpochs,
                                        long seed, EpochReporter reporter) {
        return new TrialContext("study", 0, params, settings, List.of("value"), maxEpochs, seed, reporter);
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}

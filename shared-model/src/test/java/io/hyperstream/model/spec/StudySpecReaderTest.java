package io.hyperstream.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.MalformedMessageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudySpecReaderTest {

    private static final String YAML = """
            name: fetal
            direction: maximize
            search_space:
              - {name: n_layers, type: int, low: 1, high: 3}
              - {name: n_units_l0, type: int, low: 4, high: 64, step: 4}
              - {name: n_units_l2, type: int, low: 4, high: 64, condition: {param: n_layers, min: 3}}
              - {name: lr, type: float, low: 1.0e-4, high: 0.1, log: true}
              - {name: optimizer, type: categorical, choices: [sgd, adam]}
              - {name: momentum, type: float, low: 0.0, high: 0.99, condition: {param: optimizer, in: [sgd]}}
            sampler: {type: random, seed: 7}
            pruner: {type: median, options: {n_warmup_steps: 5}}
            objective:
              kind: mlp-classifier
              settings: {dataset: fetal_health.csv}
              metric: balanced_accuracy
              max_epochs: 40
            budget: {n_trials: 100, parallelism: 2, timeout: 3600}
            """;

    @Test
    void readsEveryPartOfAYamlSpec() {
        StudySpec spec = StudySpecReader.read(YAML);

        assertThat(spec.name()).isEqualTo("fetal");
        assertThat(spec.directions()).containsExactly(Direction.MAXIMIZE);
        assertThat(spec.searchSpace()).extracting(ParamSpec::name)
                .containsExactly("n_layers", "n_units_l0", "n_units_l2", "lr", "optimizer", "momentum");
        assertThat(spec.param("n_units_l0").distribution()).isEqualTo(new IntDistribution(4, 64, false, 4));
        assertThat(spec.param("lr").distribution()).isEqualTo(new FloatDistribution(1e-4, 0.1, true, null));
        assertThat(spec.param("n_units_l2").condition().holds(3L)).isTrue();
        assertThat(spec.param("n_units_l2").condition().holds(2L)).isFalse();
        assertThat(spec.param("momentum").condition().holds("sgd")).isTrue();
        assertThat(spec.param("momentum").condition().holds("adam")).isFalse();
        assertThat(spec.sampler().seed()).isEqualTo(7L);
        assertThat(spec.pruner().prunes()).isTrue();
        assertThat(spec.pruner().options()).containsEntry("n_warmup_steps", 5);
        assertThat(spec.objective().metric()).isEqualTo("balanced_accuracy");
        assertThat(spec.objective().maxEpochs()).isEqualTo(40);
        assertThat(spec.budget()).isEqualTo(new Budget(100, 2, 3600.0));
    }

    @Test
    void jsonAndYamlRoundTripToTheSameSpec() {
        StudySpec spec = StudySpecReader.read(YAML);

        StudySpec fromJson = StudySpecReader.read(io.hyperstream.model.Json.write(spec));
        StudySpec fromYaml = StudySpecReader.read(StudySpecReader.toYaml(spec));

        assertThat(fromJson).isEqualTo(spec);
        assertThat(fromYaml).isEqualTo(spec);
    }

    @Test
    void defaultsApplyWhenOptionalPartsAreMissing() {
        StudySpec spec = StudySpecReader.read("""
                {"name":"s","search_space":[{"name":"x","type":"float","low":0,"high":1}],
                 "objective":{"kind":"synthetic","max_epochs":3},"budget":{"n_trials":5}}
                """);

        assertThat(spec.directions()).containsExactly(Direction.MINIMIZE);
        assertThat(spec.sampler().type()).isEqualTo("auto");
        assertThat(spec.sampler().seed()).isNull();
        assertThat(spec.pruner().prunes()).isFalse();
        assertThat(spec.objective().metrics()).containsExactly("value");
        assertThat(spec.budget().parallelism()).isEqualTo(1);
    }

    @Test
    void multiObjectiveNeedsOneMetricPerDirection() {
        assertThatThrownBy(() -> StudySpecReader.read("""
                name: mo
                directions: [minimize, maximize]
                search_space: [{name: x, type: float, low: 0, high: 1}]
                objective: {kind: synthetic, metric: loss, max_epochs: 1}
                budget: {n_trials: 1}
                """))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("1 metric(s) [loss]")
                .hasMessageContaining("2 direction(s)");
    }

    private static String withParam(String param) {
        return "{\"name\":\"s\",\"search_space\":[" + param + "],"
                + "\"objective\":{\"kind\":\"synthetic\",\"max_epochs\":1},\"budget\":{\"n_trials\":1}}";
    }

    @Test
    void lowAboveHighNamesTheParameterAndBothValues() {
        assertThatThrownBy(() -> StudySpecReader.read(withParam("{\"name\":\"x\",\"type\":\"float\",\"low\":5,\"high\":1}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("search_space")
                .hasMessageContaining("parameter 'x'")
                .hasMessageContaining("low <= high must hold, but got low=5.0, high=1.0");
    }

    @Test
    void logScaleNeedsAPositiveLowerBound() {
        assertThatThrownBy(() -> StudySpecReader.read(withParam("{\"name\":\"lr\",\"type\":\"float\",\"low\":0,\"high\":1,\"log\":true}")))
                .hasMessageContaining("parameter 'lr': log=true needs low > 0, but got low=0.0");
    }

    @Test
    void nanBoundsAreRejected() {
        assertThatThrownBy(() -> StudySpecReader.read(withParam("{\"name\":\"x\",\"type\":\"float\",\"low\":\"NaN\",\"high\":1}")))
                .hasMessageContaining("parameter 'x': low and high must be finite numbers, but got low=NaN");
    }

    @Test
    void emptyChoicesAreRejected() {
        assertThatThrownBy(() -> StudySpecReader.read(withParam("{\"name\":\"opt\",\"type\":\"categorical\",\"choices\":[]}")))
                .hasMessageContaining("parameter 'opt': choices must hold at least one value");
    }

    @Test
    void unknownTypeAndUnknownFieldsAreNamed() {
        assertThatThrownBy(() -> StudySpecReader.read(withParam("{\"name\":\"x\",\"type\":\"double\",\"low\":0,\"high\":1}")))
                .hasMessageContaining("type must be one of float, int, categorical, but got 'double'");
        assertThatThrownBy(() -> StudySpecReader.read(withParam("{\"name\":\"x\",\"type\":\"float\",\"lo\":0,\"high\":1}")))
                .hasMessageContaining("unknown field 'lo'");
        assertThatThrownBy(() -> StudySpecReader.read("""
                {"name":"s","search_space":[{"name":"x","type":"float","low":0,"high":1}],
                 "objective":{"kind":"synthetic","max_epochs":1},"budget":{"n_trails":5}}
                """))
                .hasMessageContaining("budget: n_trials is required");
    }

    @Test
    void conditionOnAnUnknownOrLaterParameterIsRejected() {
        assertThatThrownBy(() -> StudySpecReader.read(withParam(
                "{\"name\":\"x\",\"type\":\"float\",\"low\":0,\"high\":1,\"condition\":{\"param\":\"depth\",\"min\":2}}")))
                .hasMessageContaining("parameter 'x' has a condition on 'depth', which is not a parameter defined before it");
    }

    @Test
    void budgetMustBePositive() {
        assertThatThrownBy(() -> StudySpecReader.read("""
                {"name":"s","search_space":[{"name":"x","type":"float","low":0,"high":1}],
                 "objective":{"kind":"synthetic","max_epochs":1},"budget":{"n_trials":0}}
                """))
                .hasMessageContaining("budget")
                .hasMessageContaining("budget: n_trials must be >= 1, but got 0");
    }

    @Test
    void duplicateParameterNamesAreRejected() {
        assertThatThrownBy(() -> StudySpecReader.read(withParam(
                "{\"name\":\"x\",\"type\":\"float\",\"low\":0,\"high\":1},{\"name\":\"x\",\"type\":\"int\",\"low\":0,\"high\":1}")))
                .hasMessageContaining("parameter name 'x' is used twice");
    }

    @Test
    void notASpecAtAll() {
        assertThatThrownBy(() -> StudySpecReader.read("[1, 2"))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> StudySpecReader.read("name: s\nsearch_space: []\nobjective: {kind: x, max_epochs: 1}\nbudget: {n_trials: 1}"))
                .hasMessageContaining("search_space must hold at least one parameter");
    }

    @Test
    void specsInTheBenchmarkFileFormatAreReadable() {
        // The params of ../shared/bench/problems.json use the same flat form.
        ParamSpec p = io.hyperstream.model.Json.read(
                "{\"name\":\"n_units_l1\",\"type\":\"int\",\"low\":4,\"high\":64,\"step\":1,\"log\":false,"
                        + "\"condition\":{\"param\":\"n_layers\",\"min\":2}}", ParamSpec.class);
        assertThat(p.condition()).isEqualTo(new Condition("n_layers", 2.0, null, null));
        assertThat(List.of(p.distribution().contains(4L), p.distribution().contains(65L))).containsExactly(true, false);
    }
}

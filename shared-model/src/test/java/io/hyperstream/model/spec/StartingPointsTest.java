package io.hyperstream.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.Json;
import io.hyperstream.model.MalformedMessageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Enqueued trials and warm starts in a spec: reading, writing and the checks against the search space. */
class StartingPointsTest {

    private static final String SPACE = """
            search_space:
              - {name: n_layers, type: int, low: 1, high: 3}
              - {name: n_units_l2, type: int, low: 4, high: 64, step: 4, condition: {param: n_layers, min: 3}}
              - {name: lr, type: float, low: 1.0e-4, high: 0.1, log: true}
              - {name: dropout, type: float, low: 0.0, high: 0.5, step: 0.1}
              - {name: optimizer, type: categorical, choices: [sgd, adam, 1]}
            objective: {kind: synthetic, max_epochs: 3}
            budget: {n_trials: 3}
            """;

    private static StudySpec read(String extra) {
        return StudySpecReader.read("name: s\n" + SPACE + extra);
    }

    @Test
    void enqueuedTrialsAreReadInSearchSpaceOrderWithTheSamplersValueTypes() {
        StudySpec spec = read("""
                enqueue_trials:
                  - {optimizer: adam, lr: 0.01, n_layers: 3, n_units_l2: 16}
                  - {lr: 1, optimizer: 1.0}
                  - {}
                """.replace("lr: 1,", "lr: 0.1,"));

        assertThat(spec.enqueueTrials()).hasSize(3);
        Map<String, Object> first = spec.enqueueTrials().get(0);
        assertThat(first.keySet()).containsExactly("n_layers", "n_units_l2", "lr", "optimizer");
        assertThat(first.get("n_layers")).isEqualTo(3L);
        assertThat(first.get("n_units_l2")).isEqualTo(16L);
        assertThat(first.get("lr")).isEqualTo(0.01);
        // A number matching a numeric choice becomes that choice.
        assertThat(spec.enqueueTrials().get(1)).containsEntry("optimizer", 1).containsEntry("lr", 0.1);
        assertThat(spec.enqueueTrials().get(2)).isEmpty();
    }

    @Test
    void startingPointsSurviveJsonAndYamlRoundTrips() {
        StudySpec spec = read("""
                enqueue_trials: [{n_layers: 1, dropout: 0.2}]
                warm_start: {studies: [old-1, old-2]}
                """);

        assertThat(spec.warmStart()).isEqualTo(new WarmStartSpec(List.of("old-1", "old-2")));
        assertThat(StudySpecReader.read(Json.write(spec))).isEqualTo(spec);
        assertThat(StudySpecReader.read(StudySpecReader.toYaml(spec))).isEqualTo(spec);
        assertThat(Json.write(spec)).contains("\"enqueue_trials\":[{\"n_layers\":1,\"dropout\":0.2}]")
                .contains("\"warm_start\":{\"studies\":[\"old-1\",\"old-2\"]}");
    }

    @Test
    void aSpecWithoutStartingPointsIsWrittenAsBefore() {
        StudySpec spec = read("");

        assertThat(spec.enqueueTrials()).isEmpty();
        assertThat(spec.warmStart()).isNull();
        assertThat(Json.write(spec)).doesNotContain("enqueue_trials").doesNotContain("warm_start");
        assertThat(spec.withSamplerSeed(5).withEnqueueTrials(List.of(Map.of("n_layers", 2))).enqueueTrials())
                .containsExactly(Map.of("n_layers", 2L));
    }

    @Test
    void aValueOutsideItsDistributionNamesTheTrialTheParameterAndTheValue() {
        assertThatThrownBy(() -> read("enqueue_trials: [{n_layers: 1}, {lr: 0.5}]\n"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("enqueue_trials[1]: parameter 'lr': value 0.5 is outside [1.0E-4, 0.1]");
        assertThatThrownBy(() -> read("enqueue_trials: [{n_layers: 2.5}]\n"))
                .hasMessage("enqueue_trials[0]: parameter 'n_layers': value 2.5 is not an integer");
        assertThatThrownBy(() -> read("enqueue_trials: [{dropout: 0.25}]\n"))
                .hasMessage("enqueue_trials[0]: parameter 'dropout': value 0.25 is not on the grid 0.0 + k * 0.1");
        assertThatThrownBy(() -> read("enqueue_trials: [{n_layers: 3, n_units_l2: 6}]\n"))
                .hasMessage("enqueue_trials[0]: parameter 'n_units_l2': value 6 is not on the grid 4 + k * 4");
        assertThatThrownBy(() -> read("enqueue_trials: [{optimizer: rmsprop}]\n"))
                .hasMessage("enqueue_trials[0]: parameter 'optimizer': value 'rmsprop' is not one of the choices [sgd, adam, 1]");
        assertThatThrownBy(() -> read("enqueue_trials: [{lr: fast}]\n"))
                .hasMessage("enqueue_trials[0]: parameter 'lr': value 'fast' is not a number");
    }

    @Test
    void unknownParametersAndConditionalsWhoseConditionFailsAreRejected() {
        assertThatThrownBy(() -> read("enqueue_trials: [{learning_rate: 0.01}]\n"))
                .hasMessage("enqueue_trials[0]: 'learning_rate' is not a parameter of the search space"
                        + " (parameters: [n_layers, n_units_l2, lr, dropout, optimizer])");
        assertThatThrownBy(() -> read("enqueue_trials: [{n_layers: 2, n_units_l2: 8}]\n"))
                .hasMessage("enqueue_trials[0]: parameter 'n_units_l2' must be absent, because its condition on"
                        + " 'n_layers' does not hold for n_layers=2 (value given: 8)");
        assertThatThrownBy(() -> read("enqueue_trials: [{n_units_l2: 8}]\n"))
                .hasMessage("enqueue_trials[0]: parameter 'n_units_l2' exists only under a condition on 'n_layers',"
                        + " so 'n_layers' must be given too");
        assertThatThrownBy(() -> read("enqueue_trials: [{n_layers: 1}, null]\n"))
                .hasMessage("enqueue_trials[1] must be an object of parameter values, but got null");
    }

    @Test
    void moreEnqueuedTrialsThanTheBudgetAreRejected() {
        assertThatThrownBy(() -> read("enqueue_trials: [{}, {}, {}, {}]\n"))
                .hasMessage("enqueue_trials holds 4 trials, but budget.n_trials is 3");
    }

    @Test
    void aWarmStartNamesAtLeastOneStudyEachOnce() {
        assertThatThrownBy(() -> read("warm_start: {studies: []}\n"))
                .hasMessage("warm_start: studies must name at least one study, but got []");
        assertThatThrownBy(() -> read("warm_start: {studies: [a, a]}\n"))
                .hasMessage("warm_start: studies[1]: study 'a' is listed twice");
        assertThatThrownBy(() -> read("warm_start: {studies: [a], from: b}\n"))
                .hasMessageContaining("from");
    }

    @Test
    void misfitTellsWhyEarlierParametersDoNotFormATrialOfTheSpace() {
        StudySpec spec = read("");
        Map<String, Object> fits = new LinkedHashMap<>(Map.of("n_layers", 3L, "n_units_l2", 8L, "lr", 0.01,
                "dropout", 0.1, "optimizer", "sgd"));

        assertThat(spec.misfit(fits)).isNull();
        Map<String, Object> noUnits = new LinkedHashMap<>(fits);
        noUnits.remove("n_units_l2");
        assertThat(spec.misfit(noUnits)).isEqualTo("parameter 'n_units_l2' is missing");
        Map<String, Object> twoLayers = new LinkedHashMap<>(fits);
        twoLayers.put("n_layers", 2L);
        assertThat(spec.misfit(twoLayers))
                .isEqualTo("parameter 'n_units_l2' is present although its condition on 'n_layers' does not hold");
        Map<String, Object> outside = new LinkedHashMap<>(fits);
        outside.put("lr", 0.3);
        assertThat(spec.misfit(outside)).isEqualTo("parameter 'lr': value 0.3 is outside [1.0E-4, 0.1]");
        Map<String, Object> extra = new LinkedHashMap<>(fits);
        extra.put("momentum", 0.9);
        assertThat(spec.misfit(extra)).isEqualTo("'momentum' is not a parameter of the search space");
    }
}

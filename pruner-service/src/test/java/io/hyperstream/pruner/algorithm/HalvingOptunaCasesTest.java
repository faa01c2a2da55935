package io.hyperstream.pruner.algorithm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.model.Json;
import io.hyperstream.model.TrialState;
import io.hyperstream.model.pruner.PrunerSettings;
import io.hyperstream.model.spec.Direction;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays studies run by Optuna 3.1 with its SuccessiveHalvingPruner and HyperbandPruner, trials
 * running in parallel (src/test/python/generate_halving_cases.py), and checks every verdict.
 * With {@code min_reports: 0} this pruner follows Optuna's rungs exactly.
 */
class HalvingOptunaCasesTest {

    static Stream<JsonNode> cases() throws IOException {
        try (InputStream in = HalvingOptunaCasesTest.class.getResourceAsStream("/optuna/halving-cases.json")) {
            JsonNode root = Json.mapper().readTree(in);
            assertThat(root.get("optuna").asText()).isEqualTo("3.1.0");
            List<JsonNode> all = new ArrayList<>();
            root.get("cases").forEach(all::add);
            assertThat(all).hasSizeGreaterThanOrEqualTo(60);
            return all.stream();
        }
    }

    @ParameterizedTest(name = "case {index}")
    @MethodSource("cases")
    void givesOptunasVerdicts(JsonNode c) {
        JsonNode o = c.get("options");
        Pruner pruner = c.get("pruner").asText().equals("sha")
                ? new SuccessiveHalvingPruner(new PrunerSettings.SuccessiveHalving(o.get("min_resource").asInt(), false,
                        o.get("reduction_factor").asInt(), o.get("min_early_stopping_rate").asInt(),
                        o.get("bootstrap_count").asInt(), 0))
                : new HyperbandPruner(new PrunerSettings.Hyperband(o.get("min_resource").asInt(),
                        o.get("max_resource").asInt(), false, o.get("reduction_factor").asInt(),
                        o.get("bootstrap_count").asInt(), 0));
        Direction direction = Direction.parse(c.get("direction").asText());
        Map<Integer, TreeMap<Integer, Double>> curves = new TreeMap<>();
        Map<Integer, TrialState> states = new TreeMap<>();
        Map<Integer, List<Double>> finals = new TreeMap<>();
        int checked = 0;
        for (JsonNode e : c.get("events")) {
            int number = e.get("trial").asInt();
            if (e.has("complete")) {
                states.put(number, TrialState.COMPLETE);
                finals.put(number, List.of(number(e.get("complete"))));
                continue;
            }
            curves.computeIfAbsent(number, n -> new TreeMap<>()).put(e.get("step").asInt(), number(e.get("value")));
            states.putIfAbsent(number, TrialState.RUNNING);
            List<TrialView> trials = new ArrayList<>();
            curves.forEach((n, curve) -> trials.add(new TrialView(n, states.get(n), curve, finals.get(n))));
            TrialView current = trials.stream().filter(t -> t.number() == number).findFirst().orElseThrow();

            Verdict verdict = pruner.prune(new StudyView(c.get("study").asText(), List.of(direction), trials), current);

            assertThat(verdict.prune()).as("case %s, trial %d at step %s: %s", c.get("case"), number, e.get("step"),
                    verdict.reason()).isEqualTo(e.get("prune").asBoolean());
            if (verdict.prune()) {
                states.put(number, TrialState.PRUNED);
            }
            checked++;
        }
        assertThat(checked).isPositive();
    }

    private static double number(JsonNode v) {
        return v.isTextual() ? Double.parseDouble(v.asText()) : v.asDouble();
    }
}

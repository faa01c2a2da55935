package io.hyperstream.pruner.algorithm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.model.Json;
import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays studies whose verdicts Optuna 3.1's own PercentilePruner gave, against this pruner
 * with Optuna's rule for evidence and start-up ({@link PercentilePruner#optuna})
 * (src/test/python/generate_percentile_cases.py): start-up, warm-up, intervals with gaps,
 * n_min_trials, NaN and infinite values, both directions, percentiles from 0 to 100.
 */
class PercentilePrunerOptunaCasesTest {

    static Stream<JsonNode> cases() throws IOException {
        try (InputStream in = PercentilePrunerOptunaCasesTest.class.getResourceAsStream("/optuna/percentile-pruner-cases.json")) {
            JsonNode root = Json.mapper().readTree(in);
            assertThat(root.get("optuna").asText()).isEqualTo("3.1.0");
            List<JsonNode> all = new ArrayList<>();
            root.get("cases").forEach(all::add);
            assertThat(all).hasSizeGreaterThanOrEqualTo(400);
            assertThat(all.stream().filter(c -> c.get("prune").asBoolean()).count()).isGreaterThan(40);
            return all.stream();
        }
    }

    @ParameterizedTest(name = "case {index}")
    @MethodSource("cases")
    void givesOptunasVerdict(JsonNode c) {
        Pruner pruner = PercentilePruner.optuna(c.get("percentile").asDouble(), c.get("n_startup_trials").asInt(),
                c.get("n_warmup_steps").asInt(), c.get("interval_steps").asInt(), c.get("n_min_trials").asInt());
        List<TrialView> trials = new ArrayList<>();
        for (JsonNode t : c.get("trials")) {
            trials.add(new TrialView(trials.size(), TrialState.valueOf(t.get("state").asText()),
                    curve(t.get("intermediate")), List.of()));
        }
        TrialView current = new TrialView(trials.size(), TrialState.RUNNING, curve(c.get("current")), List.of());
        trials.add(current);
        Direction direction = Direction.parse(c.get("direction").asText());

        Verdict verdict = pruner.prune(new StudyView("optuna-case", List.of(direction), trials), current);

        assertThat(verdict.prune()).as("case %s: %s (Java reason: %s)", c.get("case"), c, verdict.reason())
                .isEqualTo(c.get("prune").asBoolean());
    }

    private static SortedMap<Integer, Double> curve(JsonNode values) {
        SortedMap<Integer, Double> curve = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) values::fields) {
            JsonNode v = e.getValue();
            curve.put(Integer.parseInt(e.getKey()), v.isTextual() ? Double.parseDouble(v.asText()) : v.asDouble());
        }
        return curve;
    }
}

package io.hyperstream.results.importance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.model.Json;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Compares this fANOVA with Optuna 3.1's on the same 200 trials (src/test/resources/importance:
 * optuna_fanova.py wrote the trials and Optuna's importances for seeds 0..4). The forests differ
 * in their random draws (numpy's generator against Java's), so the comparison is between the means
 * over five seeds, against the spread of Optuna's own seeds.
 */
class FanovaEvaluatorOptunaTest {

    @Test
    void meanImportancesOverFiveSeedsMatchOptunasWithinTwoPoints() throws Exception {
        JsonNode reference;
        try (InputStream in = getClass().getResourceAsStream("/importance/optuna-fanova-reference.json")) {
            reference = Json.mapper().readTree(in);
        }
        List<ImportanceTrial> trials = new ArrayList<>();
        for (JsonNode t : reference.get("trials")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> params = Json.mapper().convertValue(t.get("params"), Map.class);
            trials.add(new ImportanceTrial(t.get("number").asInt(), params, t.get("value").asDouble()));
        }
        Map<String, Double> optuna = new LinkedHashMap<>();
        Map<String, Double> ours = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> seeds = reference.get("importances").fields(); seeds.hasNext(); ) {
            Map.Entry<String, JsonNode> seed = seeds.next();
            seed.getValue().fields().forEachRemaining(e -> optuna.merge(e.getKey(), e.getValue().asDouble() / 5, Double::sum));
            Importances.compute(SyntheticStudies.SPACE, trials, null,
                    new FanovaEvaluator(Long.parseLong(seed.getKey())), true).importances()
                    .forEach(i -> ours.merge(i.param(), i.importance() / 5, Double::sum));
        }
        System.out.println("fANOVA on " + trials.size() + " trials, mean of seeds 0..4: Optuna 3.1 " + optuna
                + ", results-service " + ours);
        assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(optuna.keySet());
        for (String param : optuna.keySet()) {
            assertThat(ours.get(param)).as(param).isCloseTo(optuna.get(param),
                    org.assertj.core.api.Assertions.within(0.02));
        }
        assertThat(new ArrayList<>(ours.keySet())).as("the same ranking").containsExactly(
                optuna.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                        .map(Map.Entry::getKey).toArray(String[]::new));
    }
}

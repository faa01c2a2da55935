package io.hyperstream.model.pruner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HyperbandBracketsTest {

    @Test
    void fortyEpochsWithOptunasDefaultsMakeFourBrackets() {
        // n = floor(log3(40)) + 1 = 4; shares ceil(4 * 3^s / (s + 1)) for s = 3, 2, 1, 0: 27, 12, 6, 4.
        HyperbandBrackets brackets = new HyperbandBrackets(1, 40, 3);
        assertThat(brackets.count()).isEqualTo(4);
        assertThat(List.of(brackets.budget(0), brackets.budget(1), brackets.budget(2), brackets.budget(3)))
                .containsExactly(27, 12, 6, 4);
        assertThat(brackets.totalBudget()).isEqualTo(49);
        // crc32("study-1_0") = 0xb2c1cdd9 = 2999045593, mod 49 = 5 < 27: bracket 0.
        assertThat(brackets.bracket("study-1", 0)).isZero();
        // mod 49: trial 9 -> 28 (27 <= 28 < 39: bracket 1), 2 -> 39 (39 <= 39 < 45: 2), 3 -> 46 (>= 45: 3).
        assertThat(brackets.bracket("study-1", 9)).isEqualTo(1);
        assertThat(brackets.bracket("study-1", 2)).isEqualTo(2);
        assertThat(brackets.bracket("study-1", 3)).isEqualTo(3);
    }

    @Test
    void oneBracketWhenTheResourcesAreEqual() {
        HyperbandBrackets brackets = new HyperbandBrackets(5, 5, 3);
        assertThat(brackets.count()).isEqualTo(1);
        assertThat(brackets.bracket("any", 17)).isZero();
    }

    @Test
    void rejectsResourcesOutOfOrder() {
        assertThatThrownBy(() -> new HyperbandBrackets(0, 10, 3)).hasMessage("min_resource must be >= 1, but got 0");
        assertThatThrownBy(() -> new HyperbandBrackets(4, 3, 3)).hasMessage("max_resource must be >= min_resource 4, but got 3");
        assertThatThrownBy(() -> new HyperbandBrackets(1, 3, 1)).hasMessage("reduction_factor must be >= 2, but got 1");
    }

    static Stream<JsonNode> optunaCases() throws IOException {
        try (InputStream in = HyperbandBracketsTest.class.getResourceAsStream("/optuna/hyperband-brackets.json")) {
            JsonNode root = Json.mapper().readTree(in);
            assertThat(root.get("optuna").asText()).isEqualTo("3.1.0");
            List<JsonNode> cases = new ArrayList<>();
            root.get("cases").forEach(cases::add);
            return cases.stream();
        }
    }

    /** Optuna 3.1's own brackets (src/test/python/generate_hyperband_brackets.py), including 243 = 3^5 where its log rounds down. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("optunaCases")
    void matchesOptuna(JsonNode c) {
        HyperbandBrackets brackets = new HyperbandBrackets(c.get("min_resource").asInt(), c.get("max_resource").asInt(),
                c.get("reduction_factor").asInt());
        assertThat(brackets.count()).isEqualTo(c.get("n_brackets").asInt());
        List<Integer> budgets = new ArrayList<>();
        for (int b = 0; b < brackets.count(); b++) {
            budgets.add(brackets.budget(b));
        }
        List<Integer> expectedBudgets = new ArrayList<>();
        c.get("budgets").forEach(n -> expectedBudgets.add(n.asInt()));
        assertThat(budgets).isEqualTo(expectedBudgets);
        String study = c.get("study").asText();
        for (int number = 0; number < c.get("brackets").size(); number++) {
            assertThat(brackets.bracket(study, number)).as("trial %d of %s", number, study)
                    .isEqualTo(c.get("brackets").get(number).asInt());
        }
    }
}

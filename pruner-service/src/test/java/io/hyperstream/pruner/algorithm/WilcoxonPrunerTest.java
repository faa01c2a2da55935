package io.hyperstream.pruner.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.model.Json;
import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WilcoxonPrunerTest {

    private static TrialView trial(int number, TrialState state, double last, double... values) {
        TreeMap<Integer, Double> curve = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            curve.put(i + 1, values[i]);
        }
        return new TrialView(number, state, curve, state == TrialState.COMPLETE ? List.of(last) : List.of());
    }

    private static Verdict prune(Direction direction, List<TrialView> others, TrialView current) {
        List<TrialView> all = new ArrayList<>(others);
        all.add(current);
        return new WilcoxonPruner(0.1, 2).prune(new StudyView("s", List.of(direction), all), current);
    }

    /** The best of two completed trials (final 0.9 against 0.5 when maximizing) reported 1..6 * 0.1 + 0.3. */
    private static final List<TrialView> COMPLETED = List.of(
            trial(0, TrialState.COMPLETE, 0.5, 0.1, 0.2, 0.3, 0.4, 0.5, 0.5),
            trial(1, TrialState.COMPLETE, 0.9, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9));

    @Test
    void prunesATrialSignificantlyWorseThanTheBestTrial() {
        // Differences to trial 1 at steps 1..4 are all negative: exact one-sided p = 1/16 < 0.1.
        Verdict v = prune(Direction.MAXIMIZE, COMPLETED, trial(2, TrialState.RUNNING, 0, 0.3, 0.35, 0.4, 0.45));
        assertThat(v).isEqualTo(Verdict.stop("signed-rank test against the best trial 1 over 4 shared steps: p = 0.0625"
                + " (p_threshold 0.1): worse than the best trial (maximize)"));
        // Three steps only: p = 1/8, not below 0.1.
        assertThat(prune(Direction.MAXIMIZE, COMPLETED, trial(2, TrialState.RUNNING, 0, 0.3, 0.35, 0.4)).prune()).isFalse();
    }

    @Test
    void respectsTheDirection() {
        // Minimizing, trial 0 (final 0.5) is the best, and a trial below it at every step is better, not worse.
        Verdict v = prune(Direction.MINIMIZE, COMPLETED, trial(2, TrialState.RUNNING, 0, 0.0, 0.1, 0.2, 0.3));
        assertThat(v.prune()).isFalse();
        assertThat(v.reason()).startsWith("signed-rank test against the best trial 0 over 4 shared steps: p = 1");
        assertThat(prune(Direction.MINIMIZE, COMPLETED, trial(2, TrialState.RUNNING, 0, 0.2, 0.3, 0.4, 0.5)).prune()).isTrue();
    }

    @Test
    void keepsATrialWhoseMeanIsNotWorseThanTheBestTrialsAsOptuna() {
        // Below trial 1 at each of the six shared steps (p = 1/64), but steps 7 and 8 lift the trial's
        // mean to 0.98, above trial 1's 0.65: Optuna's safety net keeps it.
        Verdict v = prune(Direction.MAXIMIZE, COMPLETED,
                trial(2, TrialState.RUNNING, 0, 0.39, 0.49, 0.59, 0.69, 0.79, 0.89, 2, 2));
        assertThat(v).isEqualTo(Verdict.keep("signed-rank test against the best trial 1 over 6 shared steps:"
                + " p = 0.015625 (p_threshold 0.1), but the trial's mean 0.98 is not worse than the best trial's 0.65"));
    }

    @Test
    void judgesNothingWithoutACompletedTrialOrWithNonFiniteValues() {
        assertThat(prune(Direction.MAXIMIZE, List.of(), trial(0, TrialState.RUNNING, 0, 0.1, 0.1)))
                .isEqualTo(Verdict.keep("no trial is complete yet"));
        assertThat(prune(Direction.MAXIMIZE, COMPLETED, trial(2, TrialState.RUNNING, 0, 0.1, Double.NaN, 0.1, 0.1, 0.1)))
                .isEqualTo(Verdict.keep("the trial reported a NaN or infinite value, which the test cannot rank"));
        assertThat(prune(Direction.MAXIMIZE, COMPLETED, trial(2, TrialState.RUNNING, 0, 0.0)))
                .isEqualTo(Verdict.keep("1 step(s) shared with the best trial 1, fewer than n_startup_steps 2"));
    }

    static Stream<JsonNode> scipyCases() throws IOException {
        try (InputStream in = WilcoxonPrunerTest.class.getResourceAsStream("/optuna/wilcoxon-cases.json")) {
            JsonNode root = Json.mapper().readTree(in);
            assertThat(root.get("scipy").asText()).isEqualTo("1.10.1");
            List<JsonNode> cases = new ArrayList<>();
            root.get("cases").forEach(cases::add);
            return cases.stream();
        }
    }

    /** SciPy 1.10's p-values (src/test/python/generate_wilcoxon_cases.py): exact, approximate, ties and zeros. */
    @ParameterizedTest(name = "case {index}")
    @MethodSource("scipyCases")
    void signedRankTestMatchesScipy(JsonNode c) {
        double[] d = new double[c.get("d").size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = c.get("d").get(i).asDouble();
        }
        SignedRankTest.Alternative alternative = c.get("alternative").asText().equals("less")
                ? SignedRankTest.Alternative.LESS : SignedRankTest.Alternative.GREATER;
        assertThat(SignedRankTest.pValue(d, alternative)).as(c.toString()).isCloseTo(c.get("p").asDouble(), within(1e-12));
    }

    @Test
    void normalDistributionFunction() {
        assertThat(SignedRankTest.normalCdf(0)).isEqualTo(0.5);
        assertThat(SignedRankTest.normalCdf(1.959963984540054)).isCloseTo(0.975, within(1e-15));
        assertThat(SignedRankTest.normalCdf(-8)).isCloseTo(6.22096057427174e-16, within(1e-27));
        assertThat(SignedRankTest.normalCdf(-3)).isCloseTo(0.0013498980316301, within(1e-16));
    }
}

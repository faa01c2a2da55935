package io.hyperstream.sampler.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.SamplerSpec;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.sampler.TestSpecs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class TpeSamplerTest {

    private static final StudySpec QUADRATIC = TestSpecs.toSpec(TestSpecs.parse("""
            {"name":"q","search_space":[{"name":"x","type":"float","low":-10,"high":10},
                                        {"name":"y","type":"float","low":-10,"high":10}],
             "objective":{"kind":"synthetic","max_epochs":1},"budget":{"n_trials":100}}
            """));

    private static double quadratic(Map<String, Object> p) {
        double x = (Double) p.get("x") - 3;
        double y = (Double) p.get("y") + 2;
        return x * x + y * y;
    }

    private static List<Map<String, Object>> optimize(Sampler sampler, int n) {
        return optimize(sampler, n, QUADRATIC, TpeSamplerTest::quadratic);
    }

    private static List<Map<String, Object>> optimize(Sampler sampler, int n, StudySpec spec,
                                                      ToDoubleFunction<Map<String, Object>> objective) {
        List<FrozenTrial> finished = new ArrayList<>();
        List<Map<String, Object>> suggested = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LinkedHashMap<String, Object> p = sampler.sampleTrial(new StudyView(spec, finished, List.of()), i);
            suggested.add(p);
            finished.add(new FrozenTrial(i, TrialState.COMPLETE, p, List.of(objective.applyAsDouble(p)), new TreeMap<>()));
        }
        return suggested;
    }

    /** The median over seeds 1..5 of the best value a sampler finds in n trials. */
    private static double medianBest(boolean multivariate, int n, StudySpec spec,
                                     ToDoubleFunction<Map<String, Object>> objective) {
        double[] best = new double[5];
        for (int seed = 1; seed <= 5; seed++) {
            TpeSampler sampler = new TpeSampler(TpeSampler.Options.defaults().withMultivariate(multivariate), seed);
            best[seed - 1] = optimize(sampler, n, spec, objective).stream().mapToDouble(objective).min().orElseThrow();
        }
        Arrays.sort(best);
        return best[2];
    }

    private static double meanOfLast(List<Map<String, Object>> suggested, int k) {
        return suggested.subList(suggested.size() - k, suggested.size()).stream()
                .mapToDouble(TpeSamplerTest::quadratic).average().orElseThrow();
    }

    @Test
    void concentratesNearTheOptimumOfAQuadratic() {
        for (boolean multivariate : new boolean[] {false, true}) {
            TpeSampler.Options options = TpeSampler.Options.defaults().withMultivariate(multivariate);
            List<Map<String, Object>> tpe = optimize(new TpeSampler(options, 1), 100);
            List<Map<String, Object>> random = optimize(new RandomSampler(1), 100);

            // Random points average about 70 on this bowl; TPE's late suggestions gather near (3, -2).
            assertThat(meanOfLast(tpe, 30)).as("multivariate=" + multivariate).isLessThan(meanOfLast(random, 30) / 2);
            assertThat(tpe.stream().mapToDouble(TpeSamplerTest::quadratic).min().orElseThrow())
                    .isLessThan(random.stream().mapToDouble(TpeSamplerTest::quadratic).min().orElseThrow());
        }
    }

    private static StudySpec fourD(double low, double high) {
        return TestSpecs.toSpec(TestSpecs.parse("""
                {"name":"four","search_space":[{"name":"a","type":"float","low":%1$s,"high":%2$s},
                                               {"name":"b","type":"float","low":%1$s,"high":%2$s},
                                               {"name":"c","type":"float","low":%1$s,"high":%2$s},
                                               {"name":"d","type":"float","low":%1$s,"high":%2$s}],
                 "objective":{"kind":"synthetic","max_epochs":1},"budget":{"n_trials":80}}
                """.formatted(low, high)));
    }

    private static final StudySpec FOUR_D = fourD(-2, 2);
    private static final StudySpec FOUR_D_WIDE = fourD(-5, 5);

    private static double[] point(Map<String, Object> p) {
        return new double[] {(Double) p.get("a"), (Double) p.get("b"), (Double) p.get("c"), (Double) p.get("d")};
    }

    /** Two narrow ridges along a = b and c = d: each pair of parameters must move together. */
    private static double ridges(Map<String, Object> p) {
        double[] x = point(p);
        return 100 * Math.pow(x[0] - x[1], 2) + Math.pow(x[0] + x[1] - 1, 2)
                + 100 * Math.pow(x[2] - x[3], 2) + Math.pow(x[2] + x[3] - 1, 2);
    }

    /** Styblinski-Tang: each parameter has its own two basins, the better one at -2.90. */
    private static double separable(Map<String, Object> p) {
        double sum = 0;
        for (double x : point(p)) {
            sum += (x * x * x * x - 16 * x * x + 5 * x) / 2;
        }
        return sum + 4 * 39.16617;
    }

    @Test
    void theJointModelFollowsInteractionsAndStillSolvesSeparableObjectives() {
        // Parameters that interact: modelling them jointly gets much closer to the ridges' optimum.
        assertThat(medianBest(true, 80, FOUR_D, TpeSamplerTest::ridges))
                .isLessThan(medianBest(false, 80, FOUR_D, TpeSamplerTest::ridges) / 2);
        // Parameters that act separately, where independent TPE shines: the per-parameter part
        // of the score keeps the joint model at least as good.
        assertThat(medianBest(true, 80, FOUR_D_WIDE, TpeSamplerTest::separable))
                .isLessThanOrEqualTo(medianBest(false, 80, FOUR_D_WIDE, TpeSamplerTest::separable));
    }

    @Test
    void theBestTrialsWeighMostInTheGoodModel() {
        double[] w = TpeSampler.improvementWeights(new double[] {1.0, 3.0, 2.0}, 4.0, 1);
        // Improvements over the best of the rest (4.0): 3, 1, 2; scaled to a mean of 1.
        assertThat(w).containsExactly(new double[] {1.5, 0.5, 1.0}, org.assertj.core.data.Offset.offset(1e-12));
        // A pruned or running trial among them (no loss), or several objectives: equal weights.
        assertThat(TpeSampler.improvementWeights(new double[] {1.0, Double.NaN}, 4.0, 1)).containsExactly(1, 1);
        assertThat(TpeSampler.improvementWeights(new double[] {1.0, 2.0}, Double.NaN, 1)).containsExactly(1, 1);
        assertThat(TpeSampler.improvementWeights(new double[] {0.0, 1.0}, 2.0, 2)).containsExactly(1, 1);
    }

    @Test
    void defaultsAreOptunasButForTheJointModelAndItsGamma() {
        TpeSampler.Options d = TpeSampler.Options.defaults();
        assertThat(d.multivariate()).isTrue();
        assertThat(d.nStartupTrials()).isEqualTo(10);
        assertThat(d.nEiCandidates()).isEqualTo(24);
        assertThat(d.gammaFor(false)).isEqualTo(0.1);
        assertThat(d.gammaFor(true)).isEqualTo(0.2);
        TpeSampler.Options given = TpeSampler.Options.from(Map.of("gamma", 0.3, "multivariate", false));
        assertThat(given.gammaFor(true)).isEqualTo(0.3);
        assertThat(given.gammaFor(false)).isEqualTo(0.3);
        assertThat(given.multivariate()).isFalse();
    }

    @Test
    void startsWithRandomTrials() {
        List<Map<String, Object>> tpe = optimize(new TpeSampler(TpeSampler.Options.defaults(), 4), 10);
        List<Map<String, Object>> random = optimize(new RandomSampler(4), 10);
        assertThat(tpe).hasSize(10);
        assertThat(meanOfLast(tpe, 10)).isGreaterThan(10);
        assertThat(meanOfLast(random, 10)).isGreaterThan(10);
    }

    @Test
    void constantLiarSpreadsTrialsAskedAtOnce() {
        TpeSampler.Options liar = TpeSampler.Options.from(Map.of("constant_liar", true, "n_startup_trials", 5));
        TpeSampler sampler = new TpeSampler(liar, 9);
        List<FrozenTrial> finished = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            LinkedHashMap<String, Object> p = sampler.sampleTrial(new StudyView(QUADRATIC, finished, List.of()), i);
            finished.add(new FrozenTrial(i, TrialState.COMPLETE, p, List.of(quadratic(p)), new TreeMap<>()));
        }
        // Four trainers ask at once: each sees the others' configurations as running trials.
        List<FrozenTrial> running = new ArrayList<>();
        for (int i = 30; i < 34; i++) {
            LinkedHashMap<String, Object> p = sampler.sampleTrial(new StudyView(QUADRATIC, finished, running), i);
            running.add(new FrozenTrial(i, TrialState.RUNNING, p, List.of(), new TreeMap<>()));
        }
        double minDistance = Double.MAX_VALUE;
        for (int a = 0; a < running.size(); a++) {
            for (int b = a + 1; b < running.size(); b++) {
                double dx = (Double) running.get(a).params().get("x") - (Double) running.get(b).params().get("x");
                double dy = (Double) running.get(a).params().get("y") - (Double) running.get(b).params().get("y");
                minDistance = Math.min(minDistance, Math.hypot(dx, dy));
            }
        }
        assertThat(minDistance).isGreaterThan(1e-3);
    }

    @Test
    void optionsAreCheckedByName() {
        assertThatThrownBy(() -> TpeSampler.Options.from(Map.of("n_ei_candidate", 10)))
                .hasMessageContaining("[n_ei_candidate]");
        assertThatThrownBy(() -> TpeSampler.Options.from(Map.of("gamma", 1.5)))
                .hasMessageContaining("gamma must be in (0, 1], but got 1.5");
        assertThatThrownBy(() -> TpeSampler.Options.from(Map.of("multivariate", "yes")))
                .hasMessageContaining("sampler.options.multivariate of sampler 'tpe' must be true or false, but got yes");
        assertThat(SamplerRegistry.standard().create(new SamplerSpec("tpe_mv", Map.of(), 1L), 1)).isInstanceOf(TpeSampler.class);
    }

    @Test
    void optunasDefaultWeights() {
        assertThat(TpeSampler.defaultWeights(3)).containsExactly(1, 1, 1);
        double[] w = TpeSampler.defaultWeights(30);
        assertThat(w[0]).isEqualTo(1.0 / 30, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(w[4]).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(w[29]).isEqualTo(1.0);
    }
}

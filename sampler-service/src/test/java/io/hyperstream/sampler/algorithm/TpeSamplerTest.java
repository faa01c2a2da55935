package io.hyperstream.sampler.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.SamplerSpec;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.sampler.TestSpecs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        List<FrozenTrial> finished = new ArrayList<>();
        List<Map<String, Object>> suggested = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LinkedHashMap<String, Object> p = sampler.sampleTrial(new StudyView(QUADRATIC, finished, List.of()), i);
            suggested.add(p);
            finished.add(new FrozenTrial(i, TrialState.COMPLETE, p, List.of(quadratic(p)), new TreeMap<>()));
        }
        return suggested;
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

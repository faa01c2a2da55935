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
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class GpSamplerTest {

    private static StudySpec spec(String direction, String space) {
        return TestSpecs.toSpec(TestSpecs.parse("""
                {"name":"q","direction":"%s","search_space":%s,
                 "objective":{"kind":"synthetic","max_epochs":1},"budget":{"n_trials":100}}
                """.formatted(direction, space)));
    }

    private static final StudySpec QUADRATIC = spec("minimize", """
            [{"name":"x","type":"float","low":-10,"high":10},{"name":"y","type":"float","low":-10,"high":10}]""");

    private static double quadratic(Map<String, Object> p) {
        double x = ((Number) p.get("x")).doubleValue() - 3;
        double y = ((Number) p.get("y")).doubleValue() + 2;
        return x * x + y * y;
    }

    /** Runs n trials one after another and returns the suggested parameters. */
    private static List<Map<String, Object>> optimize(Sampler sampler, StudySpec spec, int n,
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

    private static double best(List<Map<String, Object>> suggested, ToDoubleFunction<Map<String, Object>> objective) {
        return suggested.stream().mapToDouble(objective).min().orElseThrow();
    }

    private static GpSampler gp(long seed) {
        return new GpSampler(GpSampler.Options.defaults(), seed);
    }

    @Test
    void findsTheOptimumOfASmoothQuadraticWithinAFewDozenTrials() {
        List<Map<String, Object>> gp = optimize(gp(1), QUADRATIC, 30, GpSamplerTest::quadratic);
        List<Map<String, Object>> random = optimize(new RandomSampler(1), QUADRATIC, 30, GpSamplerTest::quadratic);

        // The bowl spans values up to 269 in the box; after 10 startup trials, 20 model-based ones
        // pin the minimum at (3, -2).
        assertThat(best(gp, GpSamplerTest::quadratic)).isLessThan(1e-3);
        assertThat(best(random, GpSamplerTest::quadratic)).isGreaterThan(0.1);
    }

    @Test
    void maximizesWhenTheStudyMaximizes() {
        StudySpec spec = spec("maximize", """
                [{"name":"x","type":"float","low":-10,"high":10},{"name":"y","type":"float","low":-10,"high":10}]""");
        List<Map<String, Object>> gp = optimize(gp(2), spec, 30, p -> 5 - quadratic(p));
        assertThat(best(gp, GpSamplerTest::quadratic)).isLessThan(1e-3);
    }

    @Test
    void roundsIntegerSteppedAndLogParametersToTheirGridsAndFindsTheGridOptimum() {
        StudySpec spec = spec("minimize", """
                [{"name":"x","type":"int","low":-10,"high":10},
                 {"name":"y","type":"float","low":-10,"high":10,"step":0.5},
                 {"name":"lr","type":"float","low":1e-4,"high":1,"log":true}]""");
        ToDoubleFunction<Map<String, Object>> objective = p -> {
            double lr = Math.log10((Double) p.get("lr")) + 2;
            return quadratic(p) + lr * lr;
        };
        List<Map<String, Object>> gp = optimize(gp(3), spec, 40, objective);
        for (Map<String, Object> p : gp) {
            assertThat(p.get("x")).isInstanceOf(Long.class);
            for (var param : spec.searchSpace()) {
                assertThat(param.distribution().contains(p.get(param.name()))).as(p.toString()).isTrue();
            }
        }
        Map<String, Object> best = gp.stream().min(java.util.Comparator.comparingDouble(objective)).orElseThrow();
        assertThat(best.get("x")).isEqualTo(3L);
        assertThat(best.get("y")).isEqualTo(-2.0);
        assertThat((Double) best.get("lr")).isBetween(0.005, 0.02);
    }

    @Test
    void learnsWhichCategoricalChoiceIsBest() {
        StudySpec spec = spec("minimize", """
                [{"name":"x","type":"float","low":-10,"high":10},
                 {"name":"kind","type":"categorical","choices":["a","b","c"]}]""");
        ToDoubleFunction<Map<String, Object>> objective = p -> {
            double x = (Double) p.get("x") - 3;
            return x * x + (p.get("kind").equals("b") ? 0 : 20);
        };
        List<Map<String, Object>> gp = optimize(gp(4), spec, 30, objective);
        long lateB = gp.subList(20, 30).stream().filter(p -> p.get("kind").equals("b")).count();
        assertThat(lateB).isGreaterThanOrEqualTo(8);
        assertThat(best(gp, objective)).isLessThan(0.01);
    }

    @Test
    void startsWithALatinHypercube() {
        List<Map<String, Object>> first = optimize(gp(5), QUADRATIC, 10, GpSamplerTest::quadratic);
        for (String name : List.of("x", "y")) {
            boolean[] slices = new boolean[10];
            for (Map<String, Object> p : first) {
                slices[(int) Math.min(9, Math.floor(((Double) p.get(name) + 10) / 2))] = true;
            }
            assertThat(slices).as(name).doesNotContain(false);
        }
    }

    @Test
    void trialsInFlightPushParallelAsksApart() {
        GpSampler sampler = gp(6);
        List<FrozenTrial> finished = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            LinkedHashMap<String, Object> p = sampler.sampleTrial(new StudyView(QUADRATIC, finished, List.of()), i);
            finished.add(new FrozenTrial(i, TrialState.COMPLETE, p, List.of(quadratic(p)), new TreeMap<>()));
        }
        // Four trainers ask at once: each sees the configurations handed out before it as running.
        List<FrozenTrial> running = new ArrayList<>();
        for (int i = 25; i < 29; i++) {
            LinkedHashMap<String, Object> p = sampler.sampleTrial(new StudyView(QUADRATIC, finished, running), i);
            running.add(new FrozenTrial(i, TrialState.RUNNING, p, List.of(), new TreeMap<>()));
        }
        // Asked without the trials in flight, the model proposes the same spot over and over.
        List<Map<String, Object>> blind = new ArrayList<>();
        for (int i = 25; i < 29; i++) {
            blind.add(sampler.sampleTrial(new StudyView(QUADRATIC, finished, List.of()), i));
        }
        double spread = minDistance(running.stream().map(FrozenTrial::params).toList());
        assertThat(spread).isGreaterThan(0.01);
        assertThat(spread).isGreaterThan(10 * minDistance(blind));
    }

    @Test
    void withFourTrialsAlwaysInFlightItStillFindsTheOptimum() {
        GpSampler sampler = gp(9);
        List<FrozenTrial> finished = new ArrayList<>();
        java.util.ArrayDeque<FrozenTrial> running = new java.util.ArrayDeque<>();
        int asked = 0;
        while (finished.size() < 40) {
            while (running.size() < 4) {
                LinkedHashMap<String, Object> p = sampler.sampleTrial(new StudyView(QUADRATIC, finished, List.copyOf(running)), asked);
                running.addLast(new FrozenTrial(asked++, TrialState.RUNNING, p, List.of(), new TreeMap<>()));
            }
            FrozenTrial oldest = running.removeFirst();
            finished.add(new FrozenTrial(oldest.number(), TrialState.COMPLETE, oldest.params(),
                    List.of(quadratic(oldest.params())), new TreeMap<>()));
        }
        assertThat(finished.stream().mapToDouble(t -> t.value()).min().orElseThrow()).isLessThan(1e-2);
    }

    private static double minDistance(List<Map<String, Object>> points) {
        double min = Double.MAX_VALUE;
        for (int a = 0; a < points.size(); a++) {
            for (int b = a + 1; b < points.size(); b++) {
                double dx = (Double) points.get(a).get("x") - (Double) points.get(b).get("x");
                double dy = (Double) points.get(a).get("y") - (Double) points.get(b).get("y");
                min = Math.min(min, Math.hypot(dx, dy));
            }
        }
        return min;
    }

    @Test
    void multiObjectiveStudiesAndConditionalParametersAreSampledIndependently() {
        StudySpec twoObjectives = TestSpecs.toSpec(TestSpecs.parse("""
                {"name":"mo","directions":["minimize","maximize"],
                 "search_space":[{"name":"x","type":"float","low":0,"high":1}],
                 "objective":{"kind":"synthetic","metrics":["a","b"],"max_epochs":1},"budget":{"n_trials":10}}
                """));
        assertThat(gp(7).inferRelativeSearchSpace(StudyView.empty(twoObjectives), 0)).isEmpty();
        StudySpec conditional = spec("minimize", """
                [{"name":"layers","type":"int","low":1,"high":3},
                 {"name":"width","type":"int","low":4,"high":64,"condition":{"param":"layers","min":2}},
                 {"name":"fixed","type":"float","low":2,"high":2}]""");
        assertThat(gp(7).inferRelativeSearchSpace(StudyView.empty(conditional), 0)).containsOnlyKeys("layers");
    }

    @Test
    void badOptionsAreRejectedByName() {
        assertThatThrownBy(() -> GpSampler.Options.from(Map.of("n_startup_trials", -1)))
                .hasMessageContaining("sampler.options.n_startup_trials must be >= 0, but got -1");
        assertThatThrownBy(() -> GpSampler.Options.from(Map.of("n_candidates", 0)))
                .hasMessageContaining("sampler.options.n_candidates must be in [1, 1000000], but got 0");
        assertThatThrownBy(() -> GpSampler.Options.from(Map.of("n_local_search", 2.5)))
                .hasMessageContaining("sampler.options.n_local_search of sampler 'gp' must be an integer, but got 2.5");
        assertThatThrownBy(() -> GpSampler.Options.from(Map.of("deterministic_objective", "yes")))
                .hasMessageContaining("sampler.options.deterministic_objective of sampler 'gp' must be true or false, but got yes");
        assertThatThrownBy(() -> SamplerRegistry.standard().create(new SamplerSpec("gp", Map.of("n_candidate", 10), 1L), 1))
                .hasMessageContaining("[n_candidate]").hasMessageContaining("'gp'");
        GpSampler.Options options = GpSampler.Options.from(Map.of("n_startup_trials", 3, "deterministic_objective", true,
                "power_transform", false));
        assertThat(options).isEqualTo(new GpSampler.Options(3, 2048, 5, true, false));
    }

    @Test
    void aDeterministicObjectiveAndNoPowerTransformStillFindTheOptimum() {
        GpSampler sampler = new GpSampler(GpSampler.Options.from(Map.of("deterministic_objective", true,
                "power_transform", false, "n_startup_trials", 5)), 8);
        assertThat(best(optimize(sampler, QUADRATIC, 30, GpSamplerTest::quadratic), GpSamplerTest::quadratic)).isLessThan(1e-3);
    }

    @Test
    void standardizingTurnsValuesThatAreNotFiniteIntoTheWorstValue() {
        double[] y = {1, Double.NaN, 3, Double.NEGATIVE_INFINITY};
        GpSampler.standardize(y);
        assertThat(y[1]).isEqualTo(y[0]).isEqualTo(y[3]);
        assertThat(y[2]).isGreaterThan(y[0]);
        double[] same = {4, 4};
        GpSampler.standardize(same);
        assertThat(same).containsExactly(0, 0);
    }
}

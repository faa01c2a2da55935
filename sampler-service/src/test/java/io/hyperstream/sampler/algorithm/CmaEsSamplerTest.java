package io.hyperstream.sampler.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.SamplerSpec;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.sampler.TestSpecs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class CmaEsSamplerTest {

    private static StudySpec spec(String direction, String searchSpace) {
        return TestSpecs.toSpec(TestSpecs.parse("{\"name\":\"s\",\"direction\":\"" + direction + "\",\"search_space\":"
                + searchSpace + ",\"objective\":{\"kind\":\"synthetic\",\"max_epochs\":1},\"budget\":{\"n_trials\":100}}"));
    }

    private static final StudySpec SPHERE = spec("minimize", """
            [{"name":"x0","type":"float","low":-5,"high":5},{"name":"x1","type":"float","low":-5,"high":5},
             {"name":"x2","type":"float","low":-5,"high":5},{"name":"x3","type":"float","low":-5,"high":5},
             {"name":"x4","type":"float","low":-5,"high":5}]""");

    /** A sphere whose minimum 0 is at (1, -2, 0.5, 3, -1), away from the centre where CMA-ES starts. */
    private static double sphere(Map<String, Object> p) {
        double[] optimum = {1, -2, 0.5, 3, -1};
        double s = 0;
        for (int i = 0; i < optimum.length; i++) {
            double d = (Double) p.get("x" + i) - optimum[i];
            s += d * d;
        }
        return s;
    }

    private static CmaEsSampler sampler(Map<String, Object> options, long seed) {
        return (CmaEsSampler) SamplerRegistry.standard().create(new SamplerSpec("cmaes", options, seed), seed);
    }

    /** A sequential study of n trials; returns each trial's parameters in order. */
    private static List<Map<String, Object>> optimize(Sampler sampler, StudySpec spec, ToDoubleFunction<Map<String, Object>> objective, int n) {
        List<FrozenTrial> finished = new ArrayList<>();
        List<Map<String, Object>> suggested = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LinkedHashMap<String, Object> p = sampler.sampleTrial(new StudyView(spec, finished, List.of()), i);
            suggested.add(p);
            FrozenTrial t = new FrozenTrial(i, TrialState.COMPLETE, p, List.of(objective.applyAsDouble(p)), new TreeMap<>());
            finished.add(t);
            sampler.afterTrial(new StudyView(spec, finished, List.of()), t);
        }
        return suggested;
    }

    private static double best(List<Map<String, Object>> trials, ToDoubleFunction<Map<String, Object>> objective) {
        return trials.stream().mapToDouble(objective).min().orElseThrow();
    }

    @Test
    void convergesOnAFiveDimensionalSphere() {
        List<Map<String, Object>> cma = optimize(sampler(Map.of(), 7), SPHERE, CmaEsSamplerTest::sphere, 400);
        List<Map<String, Object>> random = optimize(new RandomSampler(7), SPHERE, CmaEsSamplerTest::sphere, 400);

        assertThat(best(cma, CmaEsSamplerTest::sphere)).isLessThan(1e-3);
        assertThat(best(random, CmaEsSamplerTest::sphere)).isGreaterThan(1.0);
        // The whole last generation sits near the optimum, not only a lucky trial.
        assertThat(cma.subList(392, 400)).allSatisfy(p -> assertThat(sphere(p)).isLessThan(1e-2));
    }

    @Test
    void maximizesWhenTheStudyMaximizes() {
        StudySpec maximize = spec("maximize", """
                [{"name":"x0","type":"float","low":-5,"high":5},{"name":"x1","type":"float","low":-5,"high":5},
                 {"name":"x2","type":"float","low":-5,"high":5},{"name":"x3","type":"float","low":-5,"high":5},
                 {"name":"x4","type":"float","low":-5,"high":5}]""");
        List<Map<String, Object>> cma = optimize(sampler(Map.of(), 3), maximize, p -> -sphere(p), 300);
        assertThat(best(cma, CmaEsSamplerTest::sphere)).isLessThan(1e-2);
    }

    @Test
    void intAndLogParametersStayInTheirDistributionsAndAreOptimized() {
        StudySpec mixed = spec("minimize", """
                [{"name":"units","type":"int","low":4,"high":200,"step":4},
                 {"name":"batch","type":"int","low":1,"high":1024,"log":true},
                 {"name":"lr","type":"float","low":1e-5,"high":1,"log":true},
                 {"name":"dropout","type":"float","low":0,"high":0.5,"step":0.05}]""");
        ToDoubleFunction<Map<String, Object>> objective = p -> {
            double units = ((Long) p.get("units") - 64) / 50.0;
            double batch = Math.log((Long) p.get("batch") / 32.0);
            double lr = Math.log10((Double) p.get("lr")) + 3;
            double dropout = ((Double) p.get("dropout") - 0.2) * 10;
            return units * units + batch * batch + lr * lr + dropout * dropout;
        };
        for (boolean withMargin : new boolean[] {false, true}) {
            List<Map<String, Object>> trials = optimize(sampler(Map.of("with_margin", withMargin), 5), mixed, objective, 250);
            for (Map<String, Object> p : trials) {
                mixed.searchSpace().forEach(param -> assertThat(param.distribution().contains(p.get(param.name())))
                        .as("with_margin=" + withMargin + " " + param.name() + "=" + p.get(param.name())).isTrue());
                assertThat(p.get("units")).isInstanceOf(Long.class);
                assertThat(p.get("batch")).isInstanceOf(Long.class);
            }
            Map<String, Object> best = trials.stream().min(java.util.Comparator.comparingDouble(objective)).orElseThrow();
            assertThat(best.get("units")).as("with_margin=" + withMargin).isIn(60L, 64L, 68L);
            assertThat(best.get("batch")).as("with_margin=" + withMargin).isIn(28L, 29L, 30L, 31L, 32L, 33L, 34L, 35L, 36L);
            assertThat((Double) best.get("dropout")).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void theSameSeedGivesTheSameSequence() {
        assertThat(optimize(sampler(Map.of(), 21), SPHERE, CmaEsSamplerTest::sphere, 60))
                .isEqualTo(optimize(sampler(Map.of(), 21), SPHERE, CmaEsSamplerTest::sphere, 60));
        assertThat(optimize(sampler(Map.of(), 21), SPHERE, CmaEsSamplerTest::sphere, 60))
                .isNotEqualTo(optimize(sampler(Map.of(), 22), SPHERE, CmaEsSamplerTest::sphere, 60));
    }

    @Test
    void categoricalAndConditionalParametersAreSampledIndependently() {
        StudySpec space = spec("minimize", """
                [{"name":"x","type":"float","low":-5,"high":5},{"name":"y","type":"float","low":-5,"high":5},
                 {"name":"kind","type":"categorical","choices":["a","b","c"]},
                 {"name":"z","type":"float","low":0,"high":1,"condition":{"param":"kind","in":["a"]}}]""");
        CmaEsSampler cma = sampler(Map.of(), 4);
        assertThat(cma.inferRelativeSearchSpace(StudyView.empty(space), 0)).containsOnlyKeys("x", "y");

        // Choice "a" is much better, but CMA-ES does not model categoricals: they stay uniform.
        ToDoubleFunction<Map<String, Object>> objective = p -> {
            double x = (Double) p.get("x") - 1;
            double y = (Double) p.get("y") + 1;
            return x * x + y * y + (p.get("kind").equals("a") ? 0 : 100);
        };
        List<Map<String, Object>> trials = optimize(cma, space, objective, 300);
        Map<Object, Integer> counts = new HashMap<>();
        trials.subList(100, 300).forEach(p -> counts.merge(p.get("kind"), 1, Integer::sum));
        assertThat(counts).containsOnlyKeys("a", "b", "c");
        counts.values().forEach(c -> assertThat(c).isBetween(40, 95));
        // The numeric pair was learned all the same.
        assertThat(trials.subList(250, 300)).allSatisfy(p -> {
            assertThat((Double) p.get("x")).isCloseTo(1, org.assertj.core.data.Offset.offset(0.25));
            assertThat((Double) p.get("y")).isCloseTo(-1, org.assertj.core.data.Offset.offset(0.25));
        });
        trials.forEach(p -> assertThat(p.containsKey("z")).isEqualTo(p.get("kind").equals("a")));
    }

    @Test
    void multiObjectiveStudiesAreSampledAtRandom() {
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode) TestSpecs.parse("""
                {"name":"mo","directions":["minimize","minimize"],
                 "search_space":[{"name":"x","type":"float","low":0,"high":1},{"name":"y","type":"float","low":0,"high":1}],
                 "objective":{"kind":"synthetic","metrics":["a","b"],"max_epochs":1},"budget":{"n_trials":10}}""");
        StudySpec mo = TestSpecs.toSpec(json);
        CmaEsSampler cma = sampler(Map.of(), 1);
        List<FrozenTrial> finished = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            LinkedHashMap<String, Object> p = cma.sampleTrial(new StudyView(mo, finished, List.of()), i);
            finished.add(new FrozenTrial(i, TrialState.COMPLETE, p, List.of((Double) p.get("x"), (Double) p.get("y")), new TreeMap<>()));
        }
        assertThat(cma.inferRelativeSearchSpace(new StudyView(mo, finished, List.of()), 30)).isEmpty();
        assertThat(cma.runs()).isZero();
        assertThat(finished).hasSize(30);
    }

    @Test
    void trialsInFlightGetDistinctPointsAndOnlyCompletedTrialsOfAGenerationUpdateIt() {
        CmaEsSampler cma = sampler(Map.of("popsize", 6, "n_startup_trials", 0), 8);
        List<FrozenTrial> finished = new ArrayList<>();
        List<FrozenTrial> running = new ArrayList<>();
        // Ten trainers ask at once: every one gets its own draw from the first distribution.
        for (int i = 0; i < 10; i++) {
            LinkedHashMap<String, Object> p = cma.sampleTrial(new StudyView(SPHERE, finished, running), i);
            running.add(new FrozenTrial(i, TrialState.RUNNING, p, List.of(), new TreeMap<>()));
        }
        assertThat(running.stream().map(FrozenTrial::params).distinct()).hasSize(10);

        // Five complete and three fail or are pruned: not yet a generation of six.
        for (int i = 0; i < 8; i++) {
            FrozenTrial r = running.get(i);
            TrialState state = i < 5 ? TrialState.COMPLETE : (i % 2 == 0 ? TrialState.FAIL : TrialState.PRUNED);
            List<Double> values = state == TrialState.FAIL ? List.of() : List.of(sphere(r.params()));
            finished.add(new FrozenTrial(r.number(), state, r.params(), values, new TreeMap<>(Map.of(1, 1.0))));
        }
        running = new ArrayList<>(running.subList(8, 10));
        cma.sampleTrial(new StudyView(SPHERE, finished, running), 10);
        assertThat(cma.generation()).isZero();

        FrozenTrial ninth = running.remove(0);
        finished.add(new FrozenTrial(ninth.number(), TrialState.COMPLETE, ninth.params(), List.of(sphere(ninth.params())), new TreeMap<>()));
        cma.sampleTrial(new StudyView(SPHERE, finished, running), 11);
        assertThat(cma.generation()).isEqualTo(1);
    }

    @Test
    void consideredPrunedTrialsCountWithTheirLastValue() {
        CmaEsSampler cma = sampler(Map.of("popsize", 4, "n_startup_trials", 0, "consider_pruned_trials", true), 8);
        List<FrozenTrial> finished = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            LinkedHashMap<String, Object> p = cma.sampleTrial(new StudyView(SPHERE, finished, List.of()), i);
            finished.add(new FrozenTrial(i, TrialState.PRUNED, p, List.of(), new TreeMap<>(Map.of(1, 5.0, 2, sphere(p)))));
        }
        cma.sampleTrial(new StudyView(SPHERE, finished, List.of()), 4);
        assertThat(cma.generation()).isEqualTo(1);
    }

    /** Rastrigin in two dimensions: a grid of local minima around the global one at 0. */
    private static double rastrigin(Map<String, Object> p) {
        double s = 20;
        for (String name : List.of("x0", "x1")) {
            double x = (Double) p.get(name);
            s += x * x - 10 * Math.cos(2 * Math.PI * x);
        }
        return s;
    }

    private static final StudySpec RASTRIGIN = spec("minimize", """
            [{"name":"x0","type":"float","low":-5.12,"high":5.12},{"name":"x1","type":"float","low":-5.12,"high":5.12}]""");

    @Test
    void ipopRestartsAConvergedSearchWithALargerPopulation() {
        CmaEsSampler cma = sampler(Map.of("restart_strategy", "ipop", "inc_popsize", 2), 2);
        List<Map<String, Object>> trials = new ArrayList<>();
        List<FrozenTrial> finished = new ArrayList<>();
        int initial = 0;
        for (int i = 0; i < 6000 && cma.runs() < 3; i++) {
            LinkedHashMap<String, Object> p = cma.sampleTrial(new StudyView(RASTRIGIN, finished, List.of()), i);
            if (i == 1) {
                initial = cma.populationSize();
            }
            trials.add(p);
            finished.add(new FrozenTrial(i, TrialState.COMPLETE, p, List.of(rastrigin(p)), new TreeMap<>()));
        }
        assertThat(initial).isEqualTo(6);
        assertThat(cma.runs()).isEqualTo(3);
        assertThat(cma.populationSize()).isEqualTo(24);

        // Without restarts the converged search keeps proposing the same point.
        CmaEsSampler plain = sampler(Map.of(), 2);
        List<Map<String, Object>> plainTrials = optimize(plain, RASTRIGIN, CmaEsSamplerTest::rastrigin, trials.size());
        assertThat(plain.runs()).isEqualTo(1);
        assertThat(plain.populationSize()).isEqualTo(6);
        assertThat(best(trials, CmaEsSamplerTest::rastrigin)).isLessThanOrEqualTo(best(plainTrials, CmaEsSamplerTest::rastrigin));
    }

    @Test
    void bipopAlternatesLargeAndSmallPopulations() {
        CmaEsSampler cma = sampler(Map.of("restart_strategy", "bipop"), 6);
        List<FrozenTrial> finished = new ArrayList<>();
        List<Integer> populations = new ArrayList<>();
        for (int i = 0; i < 20000 && populations.size() < 4; i++) {
            int runs = cma.runs();
            LinkedHashMap<String, Object> p = cma.sampleTrial(new StudyView(RASTRIGIN, finished, List.of()), i);
            if (cma.runs() != runs) {
                populations.add(cma.populationSize());
            }
            finished.add(new FrozenTrial(i, TrialState.COMPLETE, p, List.of(rastrigin(p)), new TreeMap<>()));
        }
        // First run 6, then a large run of 12, then small runs (6 to 11) until they have used as
        // many evaluations as the large one, then a large run of 24.
        assertThat(populations).hasSize(4);
        assertThat(populations.get(0)).isEqualTo(6);
        assertThat(populations.get(1)).isEqualTo(12);
        assertThat(populations.get(2)).isBetween(6, 11);
        assertThat(populations).contains(24).allSatisfy(p -> assertThat(p).isBetween(6, 24));
    }

    @Test
    void x0AndSigma0SetTheFirstDistribution() {
        Map<String, Object> options = Map.of("x0", Map.of("x0", 4, "x1", 4, "x2", 4, "x3", 4, "x4", 4),
                "sigma0", 0.01, "n_startup_trials", 0);
        List<Map<String, Object>> trials = optimize(sampler(options, 1), SPHERE, CmaEsSamplerTest::sphere, 6);
        assertThat(trials).allSatisfy(p -> SPHERE.searchSpace().forEach(param ->
                assertThat((Double) p.get(param.name())).isCloseTo(4, org.assertj.core.data.Offset.offset(0.5))));
    }

    @Test
    void badOptionsAreRejectedByName() {
        assertThatThrownBy(() -> sampler(Map.of("popsize", 1), 1))
                .hasMessageContaining("sampler.options.popsize").hasMessageContaining("but got 1");
        assertThatThrownBy(() -> sampler(Map.of("sigma0", -0.5), 1))
                .hasMessageContaining("sampler.options.sigma0").hasMessageContaining("-0.5");
        assertThatThrownBy(() -> sampler(Map.of("restart_strategy", "sometimes"), 1))
                .hasMessageContaining("sampler.options.restart_strategy").hasMessageContaining("sometimes");
        assertThatThrownBy(() -> sampler(Map.of("inc_popsize", 0), 1))
                .hasMessageContaining("sampler.options.inc_popsize");
        assertThatThrownBy(() -> sampler(Map.of("n_startup_trials", -1), 1))
                .hasMessageContaining("sampler.options.n_startup_trials");
        assertThatThrownBy(() -> sampler(Map.of("x0", Map.of("x", "left")), 1))
                .hasMessageContaining("sampler.options.x0");
        assertThatThrownBy(() -> sampler(Map.of("x0", 3), 1))
                .hasMessageContaining("sampler.options.x0");
        assertThatThrownBy(() -> sampler(Map.of("with_margin", "yes"), 1))
                .hasMessageContaining("sampler.options.with_margin");
        assertThatThrownBy(() -> sampler(Map.of("use_separable_cma", true), 1))
                .hasMessageContaining("[use_separable_cma]");
    }

    @Test
    void eigendecompositionReconstructsTheMatrix() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        int n = 7;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                a[i][j] = random.nextDouble(-1, 1);
                a[j][i] = a[i][j];
            }
        }
        SymmetricEigen e = SymmetricEigen.of(a);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    s += e.vectors()[i][k] * e.values()[k] * e.vectors()[j][k];
                    dot += e.vectors()[k][i] * e.vectors()[k][j];
                }
                assertThat(s).isCloseTo(a[i][j], org.assertj.core.data.Offset.offset(1e-12));
                assertThat(dot).isCloseTo(i == j ? 1 : 0, org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }
}

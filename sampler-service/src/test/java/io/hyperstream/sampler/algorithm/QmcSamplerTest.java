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

class QmcSamplerTest {

    private static final StudySpec BRANIN = TestSpecs.branin(1L, 10, 1);

    private static StudySpec space(String searchSpace) {
        return TestSpecs.toSpec(TestSpecs.parse("""
                {"name":"qmc","search_space":%s,"objective":{"kind":"synthetic"},"budget":{"n_trials":10}}
                """.formatted(searchSpace)));
    }

    private static Sampler sampler(String type, Map<String, Object> options, long seed) {
        return SamplerRegistry.standard().create(new SamplerSpec(type, options, seed), seed);
    }

    /** Runs n trials one after another, each completing before the next is asked for. */
    private static List<LinkedHashMap<String, Object>> sequential(Sampler sampler, StudySpec spec, int n) {
        List<FrozenTrial> finished = new ArrayList<>();
        List<LinkedHashMap<String, Object>> suggested = new ArrayList<>();
        for (int number = 0; number < n; number++) {
            LinkedHashMap<String, Object> params = sampler.sampleTrial(new StudyView(spec, finished, List.of()), number);
            suggested.add(params);
            FrozenTrial trial = new FrozenTrial(number, TrialState.COMPLETE, params, List.of(1.0), new TreeMap<>());
            finished.add(trial);
            sampler.afterTrial(new StudyView(spec, finished, List.of()), trial);
        }
        return suggested;
    }

    private static List<Object> values(List<LinkedHashMap<String, Object>> trials, String param) {
        return trials.stream().map(p -> p.get(param)).toList();
    }

    @Test
    void theFirstTrialIsRandomAndTheNextOnesFollowTheSobolSequenceWhateverTheSeed() {
        List<LinkedHashMap<String, Object>> seed1 = sequential(sampler("qmc", Map.of(), 1), BRANIN, 6);
        List<LinkedHashMap<String, Object>> seed2 = sequential(sampler("qmc", Map.of(), 2), BRANIN, 6);

        assertThat(seed1.get(0)).isNotEqualTo(seed2.get(0));
        // Sobol' points 0..4 in 2 dimensions, (0,0), (.5,.5), (.75,.25), (.25,.75), (.375,.375),
        // scaled to x0 in [-5, 10] and x1 in [0, 15]: what Optuna's QMCSampler suggests.
        List<Map<String, Object>> expected = List.of(
                Map.of("x0", -5.0, "x1", 0.0),
                Map.of("x0", 2.5, "x1", 7.5),
                Map.of("x0", 6.25, "x1", 3.75),
                Map.of("x0", -1.25, "x1", 11.25),
                Map.of("x0", 0.625, "x1", 5.625));
        assertThat(seed1.subList(1, 6)).containsExactlyElementsOf(expected.stream().map(LinkedHashMap::new).toList());
        assertThat(seed2.subList(1, 6)).isEqualTo(seed1.subList(1, 6));
    }

    @Test
    void trialsAskedForBeforeAnyTrialFinishedAreRandomAndTheSequenceStartsAfterThem() {
        Sampler sampler = sampler("qmc", Map.of(), 4);
        List<FrozenTrial> running = new ArrayList<>();
        for (int number = 0; number < 3; number++) {
            LinkedHashMap<String, Object> p = sampler.sampleTrial(new StudyView(BRANIN, List.of(), running), number);
            running.add(new FrozenTrial(number, TrialState.RUNNING, p, List.of(), new TreeMap<>()));
        }
        assertThat(running).extracting(t -> t.params().get("x0")).doesNotContain(-5.0, 2.5);
        FrozenTrial failed = new FrozenTrial(1, TrialState.FAIL, running.get(1).params(), List.of(), new TreeMap<>());
        LinkedHashMap<String, Object> afterAFailure =
                sampler.sampleTrial(new StudyView(BRANIN, List.of(failed), List.of(running.get(0), running.get(2))), 3);
        assertThat(afterAFailure.get("x0")).as("a failed trial does not fix the joint space").isNotEqualTo(-5.0);

        FrozenTrial pruned = new FrozenTrial(2, TrialState.PRUNED, running.get(2).params(), List.of(3.0), new TreeMap<>());
        StudyView view = new StudyView(BRANIN, List.of(failed, pruned), List.of(running.get(0)));
        assertThat(sampler.sampleTrial(view, 4)).containsExactly(Map.entry("x0", -5.0), Map.entry("x1", 0.0));
        assertThat(sampler.sampleTrial(view, 5)).containsExactly(Map.entry("x0", 2.5), Map.entry("x1", 7.5));
    }

    @Test
    void categoricalsAndParametersTheFirstTrialLackedAreRandomTheOthersFollowTheSequence() {
        StudySpec spec = space("""
                [{"name":"layers","type":"int","low":1,"high":2},
                 {"name":"units","type":"int","low":0,"high":3,"condition":{"param":"layers","min":2}},
                 {"name":"opt","type":"categorical","choices":["sgd","adam"]},
                 {"name":"x","type":"float","low":0,"high":1}]""");
        Sampler sampler = sampler("qmc", Map.of(), 1);
        LinkedHashMap<String, Object> first = sampler.sampleTrial(StudyView.empty(spec), 0);
        Map<String, Object> firstParams = new LinkedHashMap<>(Map.of("layers", 1L, "opt", "sgd", "x", 0.3));
        FrozenTrial trial0 = new FrozenTrial(0, TrialState.COMPLETE, firstParams, List.of(1.0), new TreeMap<>());
        assertThat(first).containsKeys("layers", "opt", "x");

        // The joint space is {layers, x} (units was absent from trial 0; opt is categorical).
        List<FrozenTrial> finished = new ArrayList<>(List.of(trial0));
        List<Map<String, Object>> next = new ArrayList<>();
        for (int number = 1; number <= 16; number++) {
            LinkedHashMap<String, Object> p = sampler.sampleTrial(new StudyView(spec, finished, List.of()), number);
            next.add(p);
            finished.add(new FrozenTrial(number, TrialState.COMPLETE, p, List.of(1.0), new TreeMap<>()));
        }
        double[][] sobol = new double[16][];
        for (int i = 0; i < 16; i++) {
            sobol[i] = SobolSequence.of(2).point(i);
        }
        for (int i = 0; i < 16; i++) {
            assertThat(next.get(i).get("layers")).isEqualTo(sobol[i][0] < 0.5 ? 1L : 2L);
            assertThat(next.get(i).get("x")).isEqualTo(sobol[i][1]);
            assertThat(next.get(i).containsKey("units")).isEqualTo(next.get(i).get("layers").equals(2L));
        }
        assertThat(next).extracting(p -> p.get("opt")).contains("sgd", "adam");
        assertThat(next).filteredOn(p -> p.containsKey("units")).extracting(p -> p.get("units")).hasSizeGreaterThan(1)
                .allMatch(u -> (Long) u >= 0 && (Long) u <= 3);
    }

    @Test
    void integerSteppedAndLogParametersGetEveryValueEquallyOften() {
        StudySpec spec = space("""
                [{"name":"k","type":"int","low":0,"high":3},
                 {"name":"even","type":"int","low":2,"high":16,"step":2},
                 {"name":"drop","type":"float","low":0.0,"high":0.7,"step":0.1},
                 {"name":"lr","type":"float","low":1e-4,"high":1e-1,"log":true},
                 {"name":"batch","type":"int","low":1,"high":8,"log":true}]""");
        for (String type : List.of("qmc", "qmc_scrambled")) {
            List<LinkedHashMap<String, Object>> trials = sequential(sampler(type, Map.of(), 9), spec, 1 + 64).subList(1, 65);
            assertThat(counts(values(trials, "k"))).as(type).containsOnlyKeys(0L, 1L, 2L, 3L).allSatisfy((v, n) -> assertThat(n).isEqualTo(16));
            assertThat(counts(values(trials, "even"))).as(type).hasSize(8).allSatisfy((v, n) -> assertThat(n).isEqualTo(8));
            assertThat(counts(values(trials, "drop"))).as(type).hasSize(8).allSatisfy((v, n) -> assertThat(n).isEqualTo(8));
            for (Map<String, Object> p : trials) {
                assertThat(spec.searchSpace()).allSatisfy(param ->
                        assertThat(param.distribution().contains(p.get(param.name()))).as(param.name() + "=" + p.get(param.name())).isTrue());
            }
            // lr is log-uniform: each decade of [1e-4, 1e-1] holds a third of the points, give or take one.
            assertThat(values(trials, "lr")).filteredOn(v -> (Double) v < 1e-3).hasSizeBetween(20, 22);
            assertThat(values(trials, "lr")).filteredOn(v -> (Double) v >= 1e-2).hasSizeBetween(20, 22);
        }
    }

    @Test
    void twoToTheKTrialsPutOneValueInEachOfTwoToTheKEqualIntervals() {
        for (String type : List.of("qmc", "qmc_scrambled")) {
            for (long seed = 1; seed <= 3; seed++) {
                List<LinkedHashMap<String, Object>> trials = sequential(sampler(type, Map.of(), seed), BRANIN, 1 + 32).subList(1, 33);
                for (String param : List.of("x0", "x1")) {
                    double low = param.equals("x0") ? -5 : 0;
                    int[] cells = new int[32];
                    for (Object v : values(trials, param)) {
                        cells[(int) (((Double) v - low) / 15 * 32)]++;
                    }
                    assertThat(cells).as("%s seed %d %s", type, seed, param).containsOnly(1);
                }
            }
        }
    }

    @Test
    void theScrambledSequenceIsFixedBySeedAndDiffersAcrossSeeds() {
        List<LinkedHashMap<String, Object>> a = sequential(sampler("qmc_scrambled", Map.of(), 5), BRANIN, 10);
        List<LinkedHashMap<String, Object>> b = sequential(sampler("qmc_scrambled", Map.of(), 5), BRANIN, 10);
        List<LinkedHashMap<String, Object>> c = sequential(sampler("qmc_scrambled", Map.of(), 6), BRANIN, 10);
        List<LinkedHashMap<String, Object>> plain = sequential(sampler("qmc", Map.of(), 5), BRANIN, 10);

        assertThat(a).isEqualTo(b);
        for (int i = 1; i < 10; i++) {
            assertThat(a.get(i)).as("trial %d", i).isNotEqualTo(c.get(i)).isNotEqualTo(plain.get(i));
        }
        assertThat(sequential(sampler("qmc", Map.of("scramble", true), 5), BRANIN, 10)).isEqualTo(a);
        assertThat(sequential(sampler("qmc_scrambled", Map.of("scramble", false), 5), BRANIN, 10)).isEqualTo(plain);
    }

    @Test
    void haltonFollowsTheHaltonSequence() {
        List<LinkedHashMap<String, Object>> trials = sequential(sampler("qmc", Map.of("qmc_type", "halton"), 3), BRANIN, 5);
        assertThat(trials.subList(1, 5)).containsExactly(
                new LinkedHashMap<>(Map.of("x0", -5.0, "x1", 0.0)),
                new LinkedHashMap<>(Map.of("x0", 2.5, "x1", 15 * (1.0 / 3))),
                new LinkedHashMap<>(Map.of("x0", -1.25, "x1", 15 * (2.0 / 3))),
                new LinkedHashMap<>(Map.of("x0", 6.25, "x1", 15 * (1.0 / 9))));
        List<LinkedHashMap<String, Object>> scrambled =
                sequential(sampler("qmc_scrambled", Map.of("qmc_type", "halton"), 3), BRANIN, 5);
        assertThat(scrambled.subList(1, 5)).doesNotContainAnyElementsOf(trials.subList(1, 5));
        assertThat(sequential(sampler("qmc_scrambled", Map.of("qmc_type", "halton"), 3), BRANIN, 5)).isEqualTo(scrambled);
    }

    @Test
    void badOptionsAreRefusedNamingTheOptionAndValue() {
        assertThatThrownBy(() -> sampler("qmc", Map.of("qmc_type", "lhs"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sampler.options.qmc_type of sampler 'qmc' must be \"sobol\" or \"halton\", but got lhs");
        assertThatThrownBy(() -> sampler("qmc_scrambled", Map.of("scramble", "yes"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sampler.options.scramble of sampler 'qmc_scrambled' must be true or false, but got yes");
        assertThatThrownBy(() -> sampler("qmc", Map.of("seed", 3), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[seed] are not options of sampler 'qmc'");
    }

    @Test
    void theWidestStudyASpecAllowsGetsSobolPoints() {
        // A spec holds at most 1,000 parameters, fewer than the dimensions of the direction numbers.
        StringBuilder params = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            params.append(i == 0 ? "" : ",").append("{\"name\":\"x").append(i).append("\",\"type\":\"float\",\"low\":0,\"high\":1}");
        }
        StudySpec wide = space(params.append("]").toString());
        Sampler sobol = sampler("qmc", Map.of(), 1);
        sobol.checkSpec(wide);

        Map<String, Object> trial = sobol.sampleTrial(new StudyView(wide, List.of(), List.of()), 1);

        assertThat(trial).hasSize(1000);
        assertThat(trial.values()).allSatisfy(v -> assertThat((Double) v).isBetween(0.0, 1.0));
        assertThat(SobolSequence.MAX_DIMENSIONS).isGreaterThanOrEqualTo(1000);
    }

    private static Map<Object, Integer> counts(List<Object> values) {
        Map<Object, Integer> counts = new TreeMap<>();
        for (Object v : values) {
            counts.merge(v, 1, Integer::sum);
        }
        return counts;
    }
}

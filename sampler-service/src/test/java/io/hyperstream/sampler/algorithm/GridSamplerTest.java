package io.hyperstream.sampler.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.SamplerSpec;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.sampler.TestSpecs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class GridSamplerTest {

    private static StudySpec space(String searchSpace) {
        return TestSpecs.toSpec(TestSpecs.parse("""
                {"name":"grid","search_space":%s,"objective":{"kind":"synthetic"},"budget":{"n_trials":10}}
                """.formatted(searchSpace)));
    }

    /** 3 optimizers x 2 batch sizes x 2 dropouts = 12 configurations. */
    private static final StudySpec TWELVE = space("""
            [{"name":"opt","type":"categorical","choices":["sgd","adam","rmsprop"]},
             {"name":"batch","type":"int","low":16,"high":32,"step":16},
             {"name":"dropout","type":"float","low":0.0,"high":0.5,"step":0.5}]""");

    private static Sampler grid(Map<String, Object> options, long seed, StudySpec spec) {
        SamplerSpec samplerSpec = new SamplerSpec("grid", options, seed);
        return SamplerRegistry.standard().createFor(new StudySpec(spec.name(), spec.directions(), spec.searchSpace(),
                samplerSpec, spec.pruner(), spec.objective(), spec.budget()), seed);
    }

    /** Asks for n trials one after another, each finishing (completed, pruned or failed) before the next. */
    private static List<LinkedHashMap<String, Object>> sequential(Sampler sampler, StudySpec spec, int n) {
        List<FrozenTrial> finished = new ArrayList<>();
        List<LinkedHashMap<String, Object>> suggested = new ArrayList<>();
        for (int number = 0; number < n; number++) {
            LinkedHashMap<String, Object> params = sampler.sampleTrial(new StudyView(spec, finished, List.of()), number);
            suggested.add(params);
            TrialState state = number % 3 == 1 ? TrialState.FAIL : number % 3 == 2 ? TrialState.PRUNED : TrialState.COMPLETE;
            finished.add(new FrozenTrial(number, state, params, state == TrialState.FAIL ? List.of() : List.of(1.0), new TreeMap<>()));
        }
        return suggested;
    }

    private static StudyView finishedView(StudySpec spec, List<? extends Map<String, Object>> params) {
        List<FrozenTrial> finished = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            finished.add(new FrozenTrial(i, TrialState.COMPLETE, params.get(i), List.of(1.0), new TreeMap<>()));
        }
        return new StudyView(spec, finished, List.of());
    }

    @Test
    void everyConfigurationIsVisitedExactlyOnceAndThenTheGridIsExhausted() {
        Sampler sampler = grid(Map.of(), 1, TWELVE);
        List<LinkedHashMap<String, Object>> trials = sequential(sampler, TWELVE, 12);

        Set<Map<String, Object>> expected = new HashSet<>();
        for (String opt : List.of("sgd", "adam", "rmsprop")) {
            for (long batch : List.of(16L, 32L)) {
                for (double dropout : List.of(0.0, 0.5)) {
                    expected.add(Map.of("opt", opt, "batch", batch, "dropout", dropout));
                }
            }
        }
        assertThat(trials).doesNotHaveDuplicates();
        assertThat(new HashSet<Map<String, Object>>(trials)).isEqualTo(expected);
        assertThat(trials).allSatisfy(p -> assertThat(p.keySet()).containsExactly("opt", "batch", "dropout"));

        StudyView all = finishedView(TWELVE, trials);
        assertThat(sampler.exhausted(all)).contains("grid exhausted: all 12 configurations assigned");
        assertThatThrownBy(() -> sampler.sampleTrial(all, 12))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("grid exhausted");
        assertThat(grid(Map.of(), 1, TWELVE).exhausted(finishedView(TWELVE, trials.subList(0, 11)))).isEmpty();
    }

    @Test
    void theOrderIsShuffledByTheSeed() {
        List<LinkedHashMap<String, Object>> seed1 = sequential(grid(Map.of(), 1, TWELVE), TWELVE, 12);
        assertThat(sequential(grid(Map.of(), 1, TWELVE), TWELVE, 12)).isEqualTo(seed1);
        assertThat(sequential(grid(Map.of(), 2, TWELVE), TWELVE, 12)).isNotEqualTo(seed1).hasSameElementsAs(seed1);
    }

    @Test
    void configurationsOfTrialsInFlightOrGivenFromOutsideAreNotAssignedAgain() {
        Sampler sampler = grid(Map.of(), 3, TWELVE);
        List<FrozenTrial> running = new ArrayList<>();
        // A trial this sampler did not choose (an enqueued one, say), finished: its configuration counts as visited.
        Map<String, Object> outside = Map.of("opt", "adam", "batch", 32, "dropout", 0.5);
        List<FrozenTrial> finished = List.of(new FrozenTrial(0, TrialState.COMPLETE, outside, List.of(1.0), new TreeMap<>()));
        for (int number = 1; number < 12; number++) {
            LinkedHashMap<String, Object> p = sampler.sampleTrial(new StudyView(TWELVE, finished, running), number);
            running.add(new FrozenTrial(number, TrialState.RUNNING, p, List.of(), new TreeMap<>()));
        }
        List<Map<String, Object>> assigned = running.stream().map(FrozenTrial::params).toList();
        assertThat(assigned).doesNotHaveDuplicates()
                .doesNotContain(new LinkedHashMap<>(Map.of("opt", "adam", "batch", 32L, "dropout", 0.5)));
        assertThat(sampler.exhausted(new StudyView(TWELVE, finished, running)))
                .contains("grid exhausted: all 12 configurations assigned");

        // Another sampler of the same study (after a restart, say) learns what is taken from the trials alone.
        Sampler fresh = grid(Map.of(), 3, TWELVE);
        assertThat(fresh.exhausted(new StudyView(TWELVE, finished, running.subList(0, 10)))).isEmpty();
        LinkedHashMap<String, Object> last = fresh.sampleTrial(new StudyView(TWELVE, finished, running.subList(0, 10)), 11);
        assertThat(last).isEqualTo(running.get(10).params());
    }

    @Test
    void conditionalParametersBranchOnlyWhereTheirConditionHolds() {
        StudySpec spec = space("""
                [{"name":"n_layers","type":"int","low":1,"high":3},
                 {"name":"units_l1","type":"int","low":32,"high":64,"step":32,"condition":{"param":"n_layers","min":2}},
                 {"name":"units_l2","type":"categorical","choices":[8,16],"condition":{"param":"n_layers","min":3}},
                 {"name":"opt","type":"categorical","choices":["sgd","adam"]},
                 {"name":"momentum","type":"float","low":0.0,"high":0.9,"step":0.9,"condition":{"param":"opt","in":["sgd"]}}]""");
        Sampler sampler = grid(Map.of(), 5, spec);
        List<LinkedHashMap<String, Object>> trials = sequential(sampler, spec, 21);

        // Layers: 1 + 2 + 2*2 = 7 branches; optimizer: adam + sgd with 2 momenta = 3; 21 in all.
        assertThat(trials).doesNotHaveDuplicates();
        assertThat(sampler.exhausted(finishedView(spec, trials))).contains("grid exhausted: all 21 configurations assigned");
        assertThat(trials).filteredOn(p -> p.get("n_layers").equals(1L))
                .hasSize(3).allSatisfy(p -> assertThat(p).doesNotContainKeys("units_l1", "units_l2"));
        assertThat(trials).filteredOn(p -> p.get("n_layers").equals(2L))
                .hasSize(6).allSatisfy(p -> assertThat(p).containsKey("units_l1").doesNotContainKey("units_l2"));
        assertThat(trials).filteredOn(p -> p.get("n_layers").equals(3L))
                .hasSize(12).allSatisfy(p -> assertThat(p).containsKeys("units_l1", "units_l2"));
        assertThat(trials).filteredOn(p -> p.get("opt").equals("adam")).hasSize(7)
                .allSatisfy(p -> assertThat(p).doesNotContainKey("momentum"));
        assertThat(trials).filteredOn(p -> p.get("opt").equals("sgd")).extracting(p -> p.get("momentum"))
                .containsOnly(0.0, 0.9).hasSize(14);
    }

    @Test
    void theSearchSpaceOptionGivesTheValuesOfTheParametersItNames() {
        StudySpec spec = space("""
                [{"name":"lr","type":"float","low":1e-5,"high":1e-1,"log":true},
                 {"name":"layers","type":"int","low":1,"high":4}]""");
        Map<String, Object> options = Map.of("search_space", Map.of("lr", List.of(1e-4, 1e-3, 1e-2), "layers", List.of(1, 4)));
        Sampler sampler = grid(options, 1, spec);
        List<LinkedHashMap<String, Object>> trials = sequential(sampler, spec, 6);

        assertThat(trials).extracting(p -> p.get("lr")).containsOnly(1e-4, 1e-3, 1e-2);
        assertThat(trials).extracting(p -> p.get("layers")).containsOnly(1L, 4L);
        assertThat(trials).doesNotHaveDuplicates();
        assertThat(sampler.exhausted(finishedView(spec, trials))).contains("grid exhausted: all 6 configurations assigned");

        // Only lr named: layers takes all its values 1..4.
        Sampler partly = grid(Map.of("search_space", Map.of("lr", List.of(1e-3))), 1, spec);
        assertThat(sequential(partly, spec, 4)).extracting(p -> p.get("layers")).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
    }

    @Test
    void continuousFloatsTakeEvenlySpreadValuesWhenAskedAndAreRefusedOtherwise() {
        StudySpec spec = space("""
                [{"name":"x","type":"float","low":0,"high":1},
                 {"name":"lr","type":"float","low":1e-4,"high":1,"log":true}]""");

        assertThatThrownBy(() -> grid(Map.of(), 1, spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'x' is a continuous float (no step), so it has no grid: list its values in"
                        + " sampler.options.search_space.x, give it a step, or set sampler.options.n_points_per_float");

        Sampler sampler = grid(Map.of("n_points_per_float", 5), 1, spec);
        List<LinkedHashMap<String, Object>> trials = sequential(sampler, spec, 25);
        assertThat(trials).doesNotHaveDuplicates();
        assertThat(trials).extracting(p -> p.get("x")).containsOnly(0.0, 0.25, 0.5, 0.75, 1.0);
        // lr: five values evenly spread on the log scale, the ends exactly the bounds.
        List<Double> lrs = trials.stream().map(p -> (Double) p.get("lr")).distinct().sorted().toList();
        assertThat(lrs).hasSize(5);
        assertThat(lrs.get(0)).isEqualTo(1e-4);
        assertThat(lrs.get(4)).isEqualTo(1.0);
        assertThat(lrs.get(1)).isCloseTo(1e-3, Percentage.withPercentage(1e-9));
        assertThat(lrs.get(2)).isCloseTo(1e-2, Percentage.withPercentage(1e-9));
        assertThat(lrs.get(3)).isCloseTo(1e-1, Percentage.withPercentage(1e-9));
        assertThat(sampler.exhausted(finishedView(spec, trials))).contains("grid exhausted: all 25 configurations assigned");
    }

    @Test
    void badSearchSpacesAreRefusedNamingTheParameterAndTheValue() {
        StudySpec spec = space("""
                [{"name":"layers","type":"int","low":1,"high":4},
                 {"name":"opt","type":"categorical","choices":["sgd","adam"]}]""");

        assertThatThrownBy(() -> grid(Map.of("search_space", Map.of("depth", List.of(1))), 1, spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sampler.options.search_space names parameter 'depth', which is not in the search space [layers, opt]");
        assertThatThrownBy(() -> grid(Map.of("search_space", Map.of("layers", List.of(1, 9))), 1, spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sampler.options.search_space.layers: value 9 is outside the parameter's distribution (int 1..4)");
        assertThatThrownBy(() -> grid(Map.of("search_space", Map.of("layers", List.of(1.5))), 1, spec))
                .hasMessageContaining("value 1.5 is outside");
        assertThatThrownBy(() -> grid(Map.of("search_space", Map.of("opt", List.of("adam", "nadam"))), 1, spec))
                .hasMessage("sampler.options.search_space.opt: value nadam is outside the parameter's distribution (choices [sgd, adam])");
        assertThatThrownBy(() -> grid(Map.of("search_space", Map.of("layers", List.of(2, 2.0))), 1, spec))
                .hasMessage("sampler.options.search_space.layers: value 2.0 is given twice");
        assertThatThrownBy(() -> grid(Map.of("search_space", Map.of("layers", List.of())), 1, spec))
                .hasMessage("sampler.options.search_space.layers must be a non-empty list of values, but got []");
        assertThatThrownBy(() -> grid(Map.of("search_space", Map.of("layers", 3)), 1, spec))
                .hasMessage("sampler.options.search_space.layers must be a non-empty list of values, but got 3");
        assertThatThrownBy(() -> grid(Map.of("search_space", List.of(1, 2)), 1, spec))
                .hasMessage("sampler.options.search_space of sampler 'grid' must map parameter names to lists of values, but got [1, 2]");
        assertThatThrownBy(() -> grid(Map.of("n_points_per_float", 1), 1, spec))
                .hasMessage("sampler.options.n_points_per_float of sampler 'grid' must be >= 2, but got 1");
        assertThatThrownBy(() -> grid(Map.of("searchspace", Map.of()), 1, spec))
                .hasMessageContaining("[searchspace] are not options of sampler 'grid'");
    }

    @Test
    void aGridLargerThanMaxGridSizeIsRefused() {
        StudySpec spec = space("""
                [{"name":"a","type":"int","low":1,"high":300},
                 {"name":"b","type":"int","low":1,"high":1000,"step":2},
                 {"name":"c","type":"categorical","choices":[true,false]}]""");

        assertThatThrownBy(() -> grid(Map.of(), 1, spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the grid has more than sampler.options.max_grid_size=100000 configurations (a: 300 values,"
                        + " b: 500 values, c: 2 values); list fewer values in sampler.options.search_space or raise"
                        + " sampler.options.max_grid_size");
        assertThatThrownBy(() -> grid(Map.of("max_grid_size", 299), 1, spec))
                .hasMessage("parameter 'a' alone has 300 grid values, more than sampler.options.max_grid_size=299");
        StudySpec huge = space("""
                [{"name":"seed","type":"int","low":0,"high":1000000000000}]""");
        assertThatThrownBy(() -> grid(Map.of(), 1, huge))
                .hasMessage("parameter 'seed' alone has 1000000000001 grid values, more than sampler.options.max_grid_size=100000");

        Sampler raised = grid(Map.of("max_grid_size", 300_000), 1, spec);
        assertThat(raised.sampleTrial(StudyView.empty(spec), 0)).containsOnlyKeys("a", "b", "c");
        assertThat(raised.exhausted(StudyView.empty(spec))).isEmpty();
    }
}

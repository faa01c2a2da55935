package io.hyperstream.sampler.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.model.spec.SamplerSpec;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.sampler.TestSpecs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every registered sampler must do, whatever its algorithm. */
class SamplerContractTest {

    /**
     * Samplers that only run finite spaces (grid search) and refuse the mixed space, which has
     * continuous floats, when the study is created. They must say so here, so that no sampler
     * leaves the mixed-space contract unnoticed.
     */
    private static final Set<String> FINITE_SPACES_ONLY = Set.of("grid");

    static Stream<String> samplers() {
        return SamplerRegistry.standard().names().stream();
    }

    /** Every sampler on the finite space, and on the mixed space unless it runs finite spaces only. */
    static Stream<Arguments> samplersAndSpaces() {
        return samplers().flatMap(type -> FINITE_SPACES_ONLY.contains(type)
                ? Stream.of(Arguments.of(type, "finite"))
                : Stream.of(Arguments.of(type, "mixed"), Arguments.of(type, "finite")));
    }

    private static StudySpec space(String name) {
        return name.equals("mixed") ? mixedSpace() : finiteSpace();
    }

    /** A space with every kind of parameter: log float, stepped float, log int, categorical, conditionals. */
    private static StudySpec mixedSpace() {
        return TestSpecs.toSpec(TestSpecs.parse("""
                {"name":"mixed","direction":"maximize",
                 "search_space":[
                   {"name":"n_layers","type":"int","low":1,"high":3},
                   {"name":"n_units_l1","type":"int","low":4,"high":64,"condition":{"param":"n_layers","min":2}},
                   {"name":"lr","type":"float","low":1e-5,"high":0.1,"log":true},
                   {"name":"dropout","type":"float","low":0.0,"high":0.5,"step":0.1},
                   {"name":"batch","type":"int","low":8,"high":256,"log":true},
                   {"name":"optimizer","type":"categorical","choices":["sgd","adam","rmsprop"]},
                   {"name":"momentum","type":"float","low":0.0,"high":0.99,"condition":{"param":"optimizer","in":["sgd"]}}],
                 "objective":{"kind":"synthetic","max_epochs":5},
                 "budget":{"n_trials":60}}
                """));
    }

    /**
     * The mixed space made finite: every float has a step, the log int a short range. It still has
     * every kind of parameter and conditionals on an int and on a categorical, and 16200
     * configurations, more than any run here asks for.
     */
    private static StudySpec finiteSpace() {
        return TestSpecs.toSpec(TestSpecs.parse("""
                {"name":"finite","direction":"maximize",
                 "search_space":[
                   {"name":"n_layers","type":"int","low":1,"high":3},
                   {"name":"n_units_l1","type":"int","low":16,"high":64,"step":16,"condition":{"param":"n_layers","min":2}},
                   {"name":"lr","type":"float","low":0.001,"high":0.01,"step":0.001},
                   {"name":"dropout","type":"float","low":0.0,"high":0.5,"step":0.1},
                   {"name":"batch","type":"int","low":8,"high":12,"log":true},
                   {"name":"optimizer","type":"categorical","choices":["sgd","adam","rmsprop"]},
                   {"name":"momentum","type":"float","low":0.0,"high":0.9,"step":0.3,"condition":{"param":"optimizer","in":["sgd"]}}],
                 "objective":{"kind":"synthetic","max_epochs":5},
                 "budget":{"n_trials":60}}
                """));
    }

    /** A made-up objective over the mixed space, so that model-based samplers have something to learn. */
    private static double score(Map<String, Object> p) {
        double lr = (Double) p.get("lr");
        double s = -Math.abs(Math.log10(lr) + 3) - (Double) p.get("dropout");
        return p.get("optimizer").equals("adam") ? s + 1 : s;
    }

    /** Runs a study of n trials, some pruned or failed, with `running` trials left in flight. */
    private static List<Map<String, Object>> run(String type, String space, long seed, int n) {
        StudySpec spec = space(space);
        Sampler sampler = SamplerRegistry.standard().createFor(withSampler(spec, type, seed), seed);
        List<FrozenTrial> finished = new ArrayList<>();
        List<Map<String, Object>> suggested = new ArrayList<>();
        for (int number = 0; number < n; number++) {
            List<FrozenTrial> running = number > 0
                    ? List.of(new FrozenTrial(number - 1, TrialState.RUNNING, suggested.get(number - 1), List.of(), new TreeMap<>()))
                    : List.of();
            int latest = number - 1;
            List<FrozenTrial> done = finished.stream().filter(t -> t.number() < latest).toList();
            LinkedHashMap<String, Object> params = sampler.sampleTrial(new StudyView(spec, done, running), number);
            suggested.add(params);
            double value = score(params);
            TreeMap<Integer, Double> curve = new TreeMap<>(Map.of(1, value - 1, 2, value - 0.5));
            FrozenTrial trial = switch (number % 7) {
                case 3 -> new FrozenTrial(number, TrialState.PRUNED, params, List.of(value - 0.5), curve);
                case 5 -> new FrozenTrial(number, TrialState.FAIL, params, List.of(), new TreeMap<>());
                default -> new FrozenTrial(number, TrialState.COMPLETE, params, List.of(value), curve);
            };
            finished.add(trial);
            sampler.afterTrial(new StudyView(spec, finished, List.of()), trial);
        }
        return suggested;
    }

    private static StudySpec withSampler(StudySpec spec, String type, long seed) {
        return new StudySpec(spec.name(), spec.directions(), spec.searchSpace(), new SamplerSpec(type, Map.of(), seed),
                spec.pruner(), spec.objective(), spec.budget());
    }

    @ParameterizedTest(name = "{0} on the {1} space")
    @MethodSource("samplersAndSpaces")
    void everyValueLiesInItsDistributionAndConditionalsFollowTheirParents(String type, String space) {
        StudySpec spec = space(space);
        for (Map<String, Object> params : run(type, space, 3, 60)) {
            for (ParamSpec param : spec.searchSpace()) {
                boolean expected = !param.isConditional()
                        || param.condition().holds(params.get(param.condition().param()));
                assertThat(params.containsKey(param.name())).as(type + " " + param.name() + " in " + params).isEqualTo(expected);
                if (expected) {
                    assertThat(param.distribution().contains(params.get(param.name())))
                            .as(type + " " + param.name() + "=" + params.get(param.name())).isTrue();
                }
            }
            assertThat(new ArrayList<>(params.keySet())).as("search-space order")
                    .isEqualTo(spec.searchSpace().stream().map(ParamSpec::name).filter(params::containsKey).toList());
        }
    }

    @ParameterizedTest(name = "{0} on the {1} space")
    @MethodSource("samplersAndSpaces")
    void theSameSeedGivesTheSameSequenceAndAnotherSeedAnother(String type, String space) {
        assertThat(run(type, space, 11, 40)).isEqualTo(run(type, space, 11, 40));
        assertThat(run(type, space, 11, 40)).isNotEqualTo(run(type, space, 12, 40));
    }

    @ParameterizedTest(name = "{0} on the {1} space")
    @MethodSource("samplersAndSpaces")
    void worksWithNoOneAndManyFinishedTrials(String type, String space) {
        assertThat(run(type, space, 5, 1)).hasSize(1);
        assertThat(run(type, space, 5, 2)).hasSize(2);
        assertThat(run(type, space, 5, 80)).hasSize(80);
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void onlySamplersOfFiniteSpacesRefuseTheMixedSpaceAndTheyNameTheParameterWhenTheStudyIsCreated(String type) {
        StudySpec spec = withSampler(mixedSpace(), type, 1);
        if (FINITE_SPACES_ONLY.contains(type)) {
            assertThatThrownBy(() -> SamplerRegistry.standard().createFor(spec, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("parameter 'lr'");
        } else {
            assertThat(SamplerRegistry.standard().createFor(spec, 1)).isNotNull();
        }
    }
}

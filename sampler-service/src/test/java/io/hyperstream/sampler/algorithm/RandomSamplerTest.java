package io.hyperstream.sampler.algorithm;

import static org.assertj.core.api.Assertions.assertThat;

import io.hyperstream.model.spec.Budget;
import io.hyperstream.model.spec.CategoricalDistribution;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.model.spec.Distribution;
import io.hyperstream.model.spec.FloatDistribution;
import io.hyperstream.model.spec.IntDistribution;
import io.hyperstream.model.spec.ObjectiveSpec;
import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.sampler.TestSpecs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RandomSamplerTest {

    private static final int DRAWS = 4000;

    @Test
    void floatValuesLieInsideTheRangeAndSpreadOverIt() {
        List<Object> values = draws(new FloatDistribution(-5, 10, false, null), 1);

        assertThat(values).allSatisfy(v -> assertThat(v).isInstanceOf(Double.class));
        List<Double> xs = doubles(values);
        assertThat(xs).allSatisfy(x -> assertThat(x).isBetween(-5.0, 10.0));
        assertThat(xs.stream().filter(x -> x < -4).count()).isGreaterThan(DRAWS / 30);
        assertThat(xs.stream().filter(x -> x > 9).count()).isGreaterThan(DRAWS / 30);
        assertThat(fraction(xs, x -> x < 2.5)).isBetween(0.45, 0.55);
    }

    @Test
    void logFloatValuesAreLogUniform() {
        List<Double> xs = doubles(draws(new FloatDistribution(1e-4, 0.1, true, null), 2));

        assertThat(xs).allSatisfy(x -> assertThat(x).isBetween(1e-4, 0.1));
        // Log-uniform: each decade holds a third of the values; uniform would put 99% in the top decade.
        assertThat(fraction(xs, x -> x < 1e-3)).isBetween(0.28, 0.39);
        assertThat(fraction(xs, x -> x >= 1e-2)).isBetween(0.28, 0.39);
    }

    @Test
    void steppedFloatsLieOnTheGridAndReachAnInclusiveHigh() {
        FloatDistribution onGrid = new FloatDistribution(0, 1, false, 0.25);
        List<Double> xs = doubles(draws(onGrid, 3));

        assertThat(xs).allSatisfy(x -> assertThat(onGrid.contains(x)).as("%s on the 0.25 grid", x).isTrue());
        assertThat(new TreeSet<>(xs)).containsExactly(0.0, 0.25, 0.5, 0.75, 1.0);

        FloatDistribution offGrid = new FloatDistribution(0, 1, false, 0.3);
        Set<Long> tenths = new TreeSet<>();
        for (double x : doubles(draws(offGrid, 4))) {
            assertThat(offGrid.contains(x)).as("%s on the 0.3 grid", x).isTrue();
            tenths.add(Math.round(x * 10));
        }
        assertThat(tenths).containsExactly(0L, 3L, 6L, 9L);
    }

    @Test
    void intValuesCoverTheRangeWithBothEndsIncluded() {
        List<Object> values = draws(new IntDistribution(1, 3, false, 1), 5);

        assertThat(values).allSatisfy(v -> assertThat(v).isInstanceOf(Long.class));
        assertThat(new TreeSet<>(values.stream().map(v -> (Long) v).toList())).containsExactly(1L, 2L, 3L);
    }

    @Test
    void steppedIntsLieOnTheGrid() {
        List<Object> values = draws(new IntDistribution(1, 11, false, 3), 6);

        assertThat(new TreeSet<>(values.stream().map(v -> (Long) v).toList())).containsExactly(1L, 4L, 7L, 10L);
    }

    @Test
    void logIntsAreLogUniformAndInsideTheRange() {
        List<Long> values = draws(new IntDistribution(1, 20, true, 1), 7).stream().map(v -> (Long) v).toList();

        assertThat(values).allSatisfy(v -> assertThat(v).isBetween(1L, 20L));
        assertThat(values).contains(1L, 20L);
        // Over the log range [0.5, 20.5], 1..3 take log(7)/log(41) = 52% (uniform would give 15%).
        assertThat(values.stream().filter(v -> v <= 3).count() / (double) DRAWS).isBetween(0.47, 0.58);
    }

    @Test
    void categoricalValuesAreTheChoicesThemselves() {
        CategoricalDistribution choices = new CategoricalDistribution(Arrays.asList("sgd", 32, 0.5, true, null));
        List<Object> values = draws(choices, 8);

        assertThat(new HashSet<>(values)).containsExactlyInAnyOrder("sgd", 32, 0.5, true, null);
        assertThat(values.stream().filter("sgd"::equals).count()).isBetween(DRAWS / 5 - 150L, DRAWS / 5 + 150L);
    }

    @Test
    void singleValueDistributionsGiveThatValue() {
        assertThat(new HashSet<>(draws(new FloatDistribution(2.5, 2.5, false, null), 9))).containsExactly(2.5);
        assertThat(new HashSet<>(draws(new FloatDistribution(2, 2.9, false, 1.0), 9))).containsExactly(2.0);
        assertThat(new HashSet<>(draws(new IntDistribution(7, 7, true, 1), 9))).containsExactly(7L);
        assertThat(new HashSet<>(draws(new IntDistribution(7, 9, false, 5), 9))).containsExactly(7L);
    }

    @Test
    void conditionalParametersExistExactlyWhenTheirConditionHolds() {
        StudySpec spec = TestSpecs.fetalMlp(11, 10, 1);
        Sampler sampler = new RandomSampler(11);
        Set<Long> layerCounts = new TreeSet<>();

        for (int n = 0; n < 600; n++) {
            Map<String, Object> params = sampler.sampleTrial(StudyView.empty(spec), n);
            long layers = (Long) params.get("n_layers");
            layerCounts.add(layers);
            List<String> expected = new ArrayList<>(List.of("n_layers", "n_units_l0"));
            if (layers >= 2) {
                expected.add("n_units_l1");
            }
            if (layers >= 3) {
                expected.add("n_units_l2");
            }
            expected.addAll(List.of("lr", "optimizer", "weight_decay", "batch_size"));
            assertThat(params.keySet()).as("trial %d: %s", n, params).containsExactlyElementsOf(expected);
            for (Map.Entry<String, Object> e : params.entrySet()) {
                assertThat(spec.param(e.getKey()).distribution().contains(e.getValue()))
                        .as("%s=%s inside its distribution", e.getKey(), e.getValue()).isTrue();
            }
        }
        assertThat(layerCounts).containsExactly(1L, 2L, 3L);
    }

    @Test
    void theSameSeedGivesTheSameSequenceAndAnotherSeedAnother() {
        StudySpec spec = TestSpecs.fetalMlp(0, 10, 1);

        List<LinkedHashMap<String, Object>> first = sequence(spec, 42);
        List<LinkedHashMap<String, Object>> again = sequence(spec, 42);
        List<LinkedHashMap<String, Object>> other = sequence(spec, 43);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(other.get(0)).isNotEqualTo(first.get(0));
    }

    private static List<LinkedHashMap<String, Object>> sequence(StudySpec spec, long seed) {
        Sampler sampler = new RandomSampler(seed);
        List<LinkedHashMap<String, Object>> trials = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            trials.add(sampler.sampleTrial(StudyView.empty(spec), n));
        }
        return trials;
    }

    /** DRAWS values of a one-parameter study, through the Sampler interface. */
    static List<Object> draws(Distribution distribution, long seed) {
        StudySpec spec = new StudySpec("one", List.of(Direction.MINIMIZE), List.of(new ParamSpec("p", distribution)),
                null, null, new ObjectiveSpec("synthetic", Map.of(), null, 1), new Budget(DRAWS, 1, null));
        Sampler sampler = new RandomSampler(seed);
        List<Object> values = new ArrayList<>();
        for (int n = 0; n < DRAWS; n++) {
            Map<String, Object> params = sampler.sampleTrial(StudyView.empty(spec), n);
            assertThat(params).containsOnlyKeys("p");
            values.add(params.get("p"));
        }
        return values;
    }

    private static List<Double> doubles(List<Object> values) {
        return values.stream().map(v -> (Double) v).toList();
    }

    private static double fraction(List<Double> xs, java.util.function.DoublePredicate test) {
        return xs.stream().filter(test::test).count() / (double) xs.size();
    }
}

package io.hyperstream.sampler.algorithm;

import static org.assertj.core.api.Assertions.assertThat;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.CategoricalDistribution;
import io.hyperstream.model.spec.FloatDistribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TrialCoordinatesTest {

    private static final SearchDimension X = SearchDimension.of("x", new FloatDistribution(0.0, 1.0, false, null));

    private static FrozenTrial trial(int number, Map<String, Object> params) {
        return new FrozenTrial(number, TrialState.COMPLETE, params, List.of(0.0), new TreeMap<>());
    }

    private static int[] ordered(TrialCoordinates.Column column) {
        return Arrays.copyOf(column.order(), column.size());
    }

    @Test
    void ordersTrialsByCoordinateThenNumberAsTheyArrive() {
        TrialCoordinates.Column column = new TrialCoordinates().column(X);
        List<FrozenTrial> trials = new ArrayList<>();
        double[] xs = {0.5, 0.1, 0.9, 0.1, 0.3};
        for (int i = 0; i < xs.length; i++) {
            trials.add(trial(i, Map.of("x", xs[i])));
        }
        trials.add(trial(5, Map.of("other", 1.0)));
        for (FrozenTrial t : trials.subList(0, 3)) {
            column.get(t);
        }
        assertThat(ordered(column)).containsExactly(1, 0, 2);
        for (FrozenTrial t : trials) {
            column.get(t);
        }
        assertThat(ordered(column)).containsExactly(1, 3, 4, 0, 2);
        assertThat(column.get(trials.get(5))).isNaN();
    }

    @Test
    void aTrialReadAgainWithOtherValuesIsReordered() {
        TrialCoordinates.Column column = new TrialCoordinates().column(X);
        column.get(trial(0, Map.of("x", 0.2)));
        column.get(trial(1, Map.of("x", 0.4)));
        assertThat(ordered(column)).containsExactly(0, 1);
        assertThat(column.get(trial(0, Map.of("x", 0.8)))).isEqualTo(0.8);
        assertThat(ordered(column)).containsExactly(1, 0);
        assertThat(column.get(trial(1, Map.of("y", 0.1)))).isNaN();
        assertThat(ordered(column)).containsExactly(0);
    }

    @Test
    void manyTrialsAtOnceAreSortedLikeOneByOne() {
        SplittableRandom random = new SplittableRandom(7);
        TrialCoordinates.Column bulk = new TrialCoordinates().column(X);
        TrialCoordinates.Column single = new TrialCoordinates().column(X);
        for (int i = 0; i < 300; i++) {
            // Rounded so that ties occur.
            FrozenTrial t = trial(i, Map.of("x", Math.round(random.nextDouble() * 50) / 50.0));
            bulk.get(t);
            single.get(t);
            single.order();
        }
        assertThat(ordered(bulk)).containsExactly(ordered(single));
    }

    @Test
    void givenOrderGivesTheSameDensitiesAsSortingHere() {
        SplittableRandom random = new SplittableRandom(3);
        List<SearchDimension> dims = List.of(X,
                SearchDimension.of("c", new CategoricalDistribution(List.<Object>of("a", "b", "c"))),
                SearchDimension.of("y", new FloatDistribution(1e-3, 1.0, true, null)));
        int n = 200;
        double[][] points = new double[n][];
        double[] weights = new double[n];
        for (int k = 0; k < n; k++) {
            // Coarse grids: equal centres, and centres equal to the prior's.
            points[k] = new double[] {Math.round(random.nextDouble() * 20) / 20.0, random.nextInt(3),
                    Math.log(1e-3) * Math.round(random.nextDouble() * 10) / 10.0};
            weights[k] = 0.5 + random.nextDouble();
        }
        int[][] order = new int[3][];
        for (int j : new int[] {0, 2}) {
            int column = j;
            order[j] = java.util.stream.IntStream.range(0, n).boxed()
                    .sorted((a, b) -> {
                        int c = Double.compare(points[a][column], points[b][column]);
                        return c != 0 ? c : Integer.compare(a, b);
                    })
                    .mapToInt(Integer::intValue).toArray();
        }
        for (boolean endpoints : new boolean[] {false, true}) {
            ParzenEstimator.Settings settings = new ParzenEstimator.Settings(1.0, true, endpoints, true);
            ParzenEstimator sorted = new ParzenEstimator(dims, points, weights, settings);
            ParzenEstimator given = new ParzenEstimator(dims, points, weights, settings, order);
            double[][] at = sorted.sample(new SplittableRandom(1), 50, 0.5);
            ParzenEstimator.LogDensities a = sorted.logDensities(at, true);
            ParzenEstimator.LogDensities b = given.logDensities(at, true);
            assertThat(b.joint()).containsExactly(a.joint());
            assertThat(b.marginals()).containsExactly(a.marginals());
        }
    }

    @Test
    void aSamplerGivesTheSameSequenceWhetherViewsShareTrialObjectsOrNot() {
        var spec = io.hyperstream.sampler.TestSpecs.toSpec(io.hyperstream.sampler.TestSpecs.parse("""
                {"name":"q","search_space":[{"name":"x","type":"float","low":-10,"high":10},
                                            {"name":"n","type":"int","low":1,"high":8},
                                            {"name":"c","type":"categorical","choices":["a","b"]}],
                 "objective":{"kind":"synthetic","max_epochs":1},"budget":{"n_trials":60}}
                """));
        TpeSampler shared = new TpeSampler(TpeSampler.Options.defaults(), 5);
        TpeSampler copied = new TpeSampler(TpeSampler.Options.defaults(), 5);
        List<FrozenTrial> trials = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            List<FrozenTrial> copies = new ArrayList<>();
            for (FrozenTrial t : trials) {
                copies.add(new FrozenTrial(t.number(), t.state(), new HashMap<>(t.params()), t.values(),
                        t.intermediateValues()));
            }
            Map<String, Object> a = shared.sampleTrial(new StudyView(spec, trials, List.of()), i);
            Map<String, Object> b = copied.sampleTrial(new StudyView(spec, copies, List.of()), i);
            assertThat(b).isEqualTo(a);
            double x = (Double) a.get("x");
            trials.add(new FrozenTrial(i, TrialState.COMPLETE, a, List.of(x * x + ((Long) a.get("n"))), new TreeMap<>()));
        }
    }
}

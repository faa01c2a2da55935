package io.hyperstream.results.importance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hyperstream.model.spec.ParamSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FanovaEvaluatorTest {

    private static Map<String, Double> byName(Importances.Result result) {
        Map<String, Double> map = new java.util.LinkedHashMap<>();
        result.importances().forEach(i -> map.put(i.param(), i.importance()));
        return map;
    }

    @Test
    void theParameterThatDrivesTheObjectiveDominatesAndIrrelevantOnesGetAlmostNothing() {
        List<ImportanceTrial> trials = SyntheticStudies.trials(300, 1, 0.1, SyntheticStudies::linear);
        Importances.Result result = Importances.compute(SyntheticStudies.SPACE, trials, null, new FanovaEvaluator(0), true);
        Map<String, Double> importance = byName(result);

        assertThat(result.trials()).isEqualTo(300);
        assertThat(result.importances().get(0).param()).isEqualTo("x0");
        assertThat(importance.get("x0")).isGreaterThan(0.9);
        assertThat(importance.get("opt")).as("an irrelevant categorical").isLessThan(0.02);
        assertThat(importance.get("lr")).as("an irrelevant log-scaled float").isLessThan(0.02);
        assertThat(importance.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(result.importances()).extracting(Importances.Importance::importance).isSortedAccordingTo(
                (a, b) -> Double.compare(b, a));
    }

    @Test
    void aCategoricalParameterThatDecidesTheObjectiveIsFoundThroughItsOneHotColumns() {
        List<ImportanceTrial> trials = SyntheticStudies.trials(200, 2, 0.05,
                p -> p.get("opt").equals("adam") ? 5.0 : 0.0);
        Map<String, Double> importance = byName(Importances.compute(SyntheticStudies.SPACE, trials, null,
                new FanovaEvaluator(3), true));
        assertThat(importance.get("opt")).isGreaterThan(0.9);
    }

    @Test
    void aLogScaledParameterIsAssessedOnItsOwnScale() {
        List<ImportanceTrial> trials = SyntheticStudies.trials(200, 3, 0.01,
                p -> Math.log10((double) p.get("lr")) + 0.05 * (double) p.get("x1"));
        Map<String, Double> importance = byName(Importances.compute(SyntheticStudies.SPACE, trials, null,
                new FanovaEvaluator(3), true));
        assertThat(importance.get("lr")).isGreaterThan(0.8);
    }

    @Test
    void theSameSeedGivesTheSameImportancesAndAnotherSeedSimilarOnes() {
        List<ImportanceTrial> trials = SyntheticStudies.trials(150, 4, 0.5, SyntheticStudies::linear);
        Importances.Result a = Importances.compute(SyntheticStudies.SPACE, trials, null, new FanovaEvaluator(42), true);
        Importances.Result b = Importances.compute(SyntheticStudies.SPACE, trials, null, new FanovaEvaluator(42), true);
        Importances.Result c = Importances.compute(SyntheticStudies.SPACE, trials, null, new FanovaEvaluator(43), true);
        assertThat(a).isEqualTo(b);
        assertThat(byName(c).get("x0")).isCloseTo(byName(a).get("x0"), within(0.05));
        assertThat(byName(c)).isNotEqualTo(byName(a));
    }

    @Test
    void conditionalParametersMissingFromSomeTrialsAreLeftOutUnlessAskedFor() {
        List<ParamSpec> space = new ArrayList<>(SyntheticStudies.SPACE);
        space.add(SyntheticStudies.MOMENTUM);
        List<ImportanceTrial> trials = SyntheticStudies.trials(120, 5, 0.1, SyntheticStudies::linear).stream()
                .map(t -> {
                    Map<String, Object> params = new java.util.LinkedHashMap<>(t.params());
                    if (params.get("opt").equals("sgd")) {
                        params.put("momentum", 0.5);
                    }
                    return new ImportanceTrial(t.number(), params, t.target());
                }).toList();
        Importances.Result all = Importances.compute(space, trials, null, new FanovaEvaluator(0), true);
        assertThat(all.excluded()).containsExactly("momentum");
        assertThat(all.importances()).extracting(Importances.Importance::param).doesNotContain("momentum");

        Importances.Result asked = Importances.compute(space, trials, List.of("momentum", "x0"),
                new FanovaEvaluator(0), true);
        long sgdTrials = trials.stream().filter(t -> t.params().containsKey("momentum")).count();
        assertThat(asked.trials()).isEqualTo((int) sgdTrials);
        assertThat(byName(asked)).containsOnlyKeys("momentum", "x0");
        assertThat(byName(asked).get("momentum")).as("a single value in those trials' search space").isLessThan(0.05);
    }

    @Test
    void tooFewTrialsOrNoVariationGiveAMessageInsteadOfImportances() {
        List<ImportanceTrial> one = SyntheticStudies.trials(1, 6, 0, SyntheticStudies::linear);
        Importances.Result result = Importances.compute(SyntheticStudies.SPACE, one, null, new FanovaEvaluator(0), true);
        assertThat(result.importances()).isEmpty();
        assertThat(result.message()).contains("at least 2").contains("there is 1");

        List<ImportanceTrial> flat = SyntheticStudies.trials(20, 6, 0, p -> 1.0);
        Importances.Result constant = Importances.compute(SyntheticStudies.SPACE, flat, null, new FanovaEvaluator(0), true);
        assertThat(constant.importances()).isEmpty();
        assertThat(constant.message()).contains("do not vary");
    }

    @Test
    void theOneFeatureSweepAgreesWithOptunasGridTraversal() {
        List<ImportanceTrial> trials = SyntheticStudies.trials(80, 7, 0.3,
                p -> Math.sin(6 * (double) p.get("x0")) * (double) p.get("x1") + (long) p.get("units") / 64.0);
        Encoding encoding = new Encoding(SyntheticStudies.SPACE);
        double[][] x = trials.stream().map(encoding::row).toArray(double[][]::new);
        double[] y = trials.stream().mapToDouble(ImportanceTrial::target).toArray();
        RandomForest forest = RandomForest.fit(x, y, 8, 64, 2, 1, 11);
        for (RegressionTree tree : forest.trees()) {
            FanovaTree fanova = new FanovaTree(tree, encoding.bounds);
            for (int f = 0; f < encoding.bounds.length; f++) {
                assertThat(fanova.singleFeatureVariance(f)).isCloseTo(fanova.groupVariance(new int[] {f}),
                        within(1e-9 * Math.max(1, fanova.variance())));
            }
        }
    }

    @Test
    void theForestFitsItsTrainingData() {
        SplittableRandom random = new SplittableRandom(8);
        double[][] x = new double[100][2];
        double[] y = new double[100];
        for (int i = 0; i < 100; i++) {
            x[i][0] = random.nextDouble();
            x[i][1] = random.nextDouble();
            y[i] = x[i][0] > 0.5 ? 1 : 0;
        }
        RandomForest forest = RandomForest.fit(x, y, 16, 64, 2, 1, 1);
        assertThat(forest.predict(new double[] {0.9, 0.5})).isGreaterThan(0.9);
        assertThat(forest.predict(new double[] {0.1, 0.5})).isLessThan(0.1);
        RegressionTree tree = forest.trees().get(0);
        assertThat(tree.feature(0)).as("the root splits on the feature that decides y").isZero();
        assertThat(tree.threshold(0)).isBetween(0.4, 0.6);
    }
}

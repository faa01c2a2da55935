package io.hyperstream.results.importance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hyperstream.model.spec.FloatDistribution;
import io.hyperstream.model.spec.IntDistribution;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PedAnovaEvaluatorTest {

    private static Map<String, Double> byName(Importances.Result result) {
        Map<String, Double> map = new java.util.LinkedHashMap<>();
        result.importances().forEach(i -> map.put(i.param(), i.importance()));
        return map;
    }

    @Test
    void theParameterThatDrivesTheObjectiveDominatesAndIrrelevantOnesGetLittle() {
        List<ImportanceTrial> trials = SyntheticStudies.trials(500, 1, 0.1, SyntheticStudies::linear);
        Importances.Result result = Importances.compute(SyntheticStudies.SPACE, trials, null, new PedAnovaEvaluator(),
                true);
        Map<String, Double> importance = byName(result);
        assertThat(result.importances().get(0).param()).isEqualTo("x0");
        assertThat(importance.get("x0")).isGreaterThan(0.7);
        assertThat(importance.get("opt")).as("an irrelevant categorical").isLessThan(0.05);
        assertThat(importance.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void maximizingLooksAtTheHighestTargets() {
        List<ImportanceTrial> trials = SyntheticStudies.trials(400, 2, 0.05,
                p -> (double) p.get("x1") > 0.9 ? 10.0 : 0.0);
        assertThat(byName(Importances.compute(SyntheticStudies.SPACE, trials, null, new PedAnovaEvaluator(), false))
                .get("x1")).isGreaterThan(0.7);
    }

    @Test
    void theTopTrialsAreTheBaselineQuantileButAtLeastTwo() {
        List<ImportanceTrial> trials = SyntheticStudies.trials(50, 3, 0, p -> (double) p.get("x0"));
        PedAnovaEvaluator evaluator = new PedAnovaEvaluator(0.1);
        List<ImportanceTrial> top = evaluator.top(trials, true);
        assertThat(top).hasSize(5);
        double cutoff = top.stream().mapToDouble(ImportanceTrial::target).max().orElseThrow();
        assertThat(trials).filteredOn(t -> t.target() > cutoff).hasSize(45);
        assertThat(new PedAnovaEvaluator(0.01).top(trials, false)).hasSize(2);
    }

    @Test
    void parzenEstimatesAreProbabilitiesOverTheGrid() {
        double[] counts = new double[50];
        counts[10] = 3;
        counts[11] = 5;
        counts[40] = 1;
        double[] pdf = PedAnovaEvaluator.numericalPdf(counts);
        assertThat(Arrays.stream(pdf).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(pdf[11]).isGreaterThan(pdf[40]).isGreaterThan(pdf[25]);
        double[] categorical = PedAnovaEvaluator.categoricalPdf(new double[] {4, 0, 1});
        assertThat(Arrays.stream(categorical).sum()).isCloseTo(1.0, within(1e-12));
        assertThat(categorical[0]).isGreaterThan(categorical[2]).isGreaterThan(categorical[1]);
    }

    @Test
    void valuesGoToTheNearestGridPointOnTheParametersScale() {
        List<ImportanceTrial> trials = List.of(
                new ImportanceTrial(0, Map.of("lr", 1e-5), 0), new ImportanceTrial(1, Map.of("lr", 1e-1), 0),
                new ImportanceTrial(2, Map.of("lr", 1e-3), 0));
        double[] counts = PedAnovaEvaluator.gridCounts("lr", new FloatDistribution(1e-5, 1e-1, true, null), trials);
        assertThat(counts).hasSize(50);
        assertThat(counts[0]).isEqualTo(1);
        assertThat(counts[49]).isEqualTo(1);
        assertThat(counts[24] + counts[25]).as("1e-3 is halfway on the log scale").isEqualTo(1);
        double[] ints = PedAnovaEvaluator.gridCounts("n", new IntDistribution(1, 5, false, 1),
                List.of(new ImportanceTrial(0, Map.of("n", 3L), 0)));
        assertThat(ints).containsExactly(0, 0, 1, 0, 0);
        assertThat(PedAnovaEvaluator.gridCounts("n", new IntDistribution(1, 1024, true, 1),
                List.of(new ImportanceTrial(0, Map.of("n", 1024L), 0)))).as("ceil(log2(1024)) + 1 points").hasSize(11);
    }

    @Test
    void gaussianMassesAreAccurateInBothTails() {
        assertThat(Gaussian.mass(Double.NEGATIVE_INFINITY, 1)).isCloseTo(0.8413447460685429, within(1e-13));
        assertThat(Gaussian.mass(-1.96, 1.96)).isCloseTo(0.9500042097035591, within(1e-13));
        assertThat(Gaussian.mass(5, 6)).isCloseTo(2.856649842341569e-07, within(1e-19));
        assertThat(Gaussian.mass(-6, -5)).isCloseTo(2.856649842341569e-07, within(1e-19));
        assertThat(Gaussian.erfc(3)).isCloseTo(2.209049699858544e-05, within(1e-17));
    }
}

package io.hyperstream.trainer.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metric maths against confusion matrices worked out by hand. */
class ClassificationMetricsTest {

    private static final List<String> NAMES = List.of("1", "2", "3");

    /**
     * actual \ predicted: 1: [5 1 0], 2: [2 3 1], 3: [0 1 2]. 10 of 15 right; recalls 5/6, 3/6,
     * 2/3; predicted totals 7, 5, 3; F1 = 2tp / (actual + predicted) = 10/13, 6/11, 4/6.
     */
    private static final ConfusionMatrix MATRIX = ConfusionMatrix.of(new long[][] {{5, 1, 0}, {2, 3, 1}, {0, 1, 2}});

    @Test
    void accuracyIsTheShareOnTheDiagonal() {
        assertThat(MATRIX.total()).isEqualTo(15);
        assertThat(MATRIX.accuracy()).isCloseTo(10.0 / 15, within(1e-12));
    }

    @Test
    void balancedAccuracyIsTheMeanRecall() {
        assertThat(MATRIX.recall(0)).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(MATRIX.recall(1)).isCloseTo(0.5, within(1e-12));
        assertThat(MATRIX.recall(2)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(MATRIX.balancedAccuracy()).isCloseTo((5.0 / 6 + 0.5 + 2.0 / 3) / 3, within(1e-12));
    }

    @Test
    void macroF1IsTheUnweightedMeanOfTheClassF1s() {
        assertThat(MATRIX.precision(0)).isCloseTo(5.0 / 7, within(1e-12));
        assertThat(MATRIX.f1(0)).isCloseTo(10.0 / 13, within(1e-12));
        assertThat(MATRIX.f1(1)).isCloseTo(6.0 / 11, within(1e-12));
        assertThat(MATRIX.f1(2)).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(MATRIX.macroF1()).isCloseTo((10.0 / 13 + 6.0 / 11 + 4.0 / 6) / 3, within(1e-12));
    }

    @Test
    void aMajorityClassifierScoresTheNullAccuracyAndOneOverKBalanced() {
        // 8 normal, 1 suspect, 1 pathological, always answered "normal".
        ConfusionMatrix majority = ConfusionMatrix.of(new long[][] {{8, 0, 0}, {1, 0, 0}, {1, 0, 0}});

        assertThat(majority.accuracy()).isEqualTo(0.8);
        assertThat(ClassificationMetrics.nullAccuracy(new long[] {8, 1, 1})).isEqualTo(0.8);
        assertThat(majority.balancedAccuracy()).isCloseTo(1.0 / 3, within(1e-12));
        // Classes never predicted have precision 0 and F1 0: (2*8/(8+10) + 0 + 0) / 3.
        assertThat(majority.macroF1()).isCloseTo(16.0 / 18 / 3, within(1e-12));
    }

    @Test
    void aClassWithoutExamplesIsLeftOutOfBalancedAccuracyAndTheRecalls() {
        ConfusionMatrix twoPresent = ConfusionMatrix.of(new long[][] {{3, 1, 0}, {0, 2, 0}, {0, 0, 0}});

        assertThat(twoPresent.recall(2)).isNaN();
        assertThat(twoPresent.balancedAccuracy()).isCloseTo((0.75 + 1.0) / 2, within(1e-12));
        assertThat(twoPresent.macroF1()).isCloseTo((6.0 / 7 + 4.0 / 5) / 2, within(1e-12));
        assertThat(ClassificationMetrics.summary(twoPresent, NAMES, "")).containsOnlyKeys("accuracy",
                "balanced_accuracy", "macro_f1", "recall_1", "recall_2");
    }

    @Test
    void theMatrixIsBuiltFromPredictions() {
        ConfusionMatrix built = ConfusionMatrix.of(3, new int[] {0, 0, 1, 2, 2}, new int[] {0, 1, 1, 2, 0});

        assertThat(built.counts()).isEqualTo(new long[][] {{1, 1, 0}, {0, 1, 0}, {1, 0, 1}});
    }

    @Test
    void crossEntropyIsTheMeanNegativeLogProbabilityOfTheActualClass() {
        float[] probabilities = {0.7f, 0.2f, 0.1f, 0.1f, 0.8f, 0.1f};

        double loss = ClassificationMetrics.crossEntropy(probabilities, new int[] {0, 2}, 3);

        assertThat(loss).isCloseTo((-Math.log(0.7) - Math.log(0.1)) / 2, within(1e-6));
        // A zero probability for the actual class costs a large but finite loss.
        assertThat(ClassificationMetrics.crossEntropy(new float[] {1f, 0f}, new int[] {1}, 2))
                .isCloseTo(-Math.log(ClassificationMetrics.MIN_PROBABILITY), within(1e-9));
    }

    @Test
    void argMaxTakesTheFirstLargestProbability() {
        assertThat(ClassificationMetrics.argMax(new float[] {0.2f, 0.5f, 0.3f, 0.4f, 0.4f, 0.2f}, 3))
                .containsExactly(1, 0);
    }

    @Test
    void summaryAndConfusionNameTheClasses() {
        Map<String, Double> summary = ClassificationMetrics.summary(MATRIX, NAMES, "test_");
        Map<String, Double> confusion = ClassificationMetrics.confusion(MATRIX, NAMES, "");

        assertThat(summary.keySet()).containsExactly("test_accuracy", "test_balanced_accuracy", "test_macro_f1",
                "test_recall_1", "test_recall_2", "test_recall_3");
        assertThat(summary.get("test_recall_2")).isEqualTo(0.5);
        assertThat(confusion).hasSize(9).containsEntry("confusion_2_1", 2.0).containsEntry("confusion_3_3", 2.0)
                .containsEntry("confusion_1_3", 0.0);
    }

    @Test
    void malformedMatricesAreRefused() {
        assertThatThrownBy(() -> ConfusionMatrix.of(new long[][] {{1, 2}, {3}}))
                .hasMessageContaining("square");
        assertThatThrownBy(() -> ConfusionMatrix.of(new long[][] {{1, -2}, {3, 4}}))
                .hasMessageContaining("non-negative");
        assertThatThrownBy(() -> ConfusionMatrix.empty(1)).hasMessageContaining("at least 2 classes");
    }
}

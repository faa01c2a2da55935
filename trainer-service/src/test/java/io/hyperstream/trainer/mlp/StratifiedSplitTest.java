package io.hyperstream.trainer.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The split is stratified, seeded, a partition of the rows, and the scaler sees training rows only. */
class StratifiedSplitTest {

    /** 100 rows of class 0, 30 of class 1, 10 of class 2, interleaved. */
    private static final int[] LABELS = IntStream.range(0, 140).map(i -> i % 14 == 0 ? 2 : i % 14 < 4 ? 1 : 0).toArray();

    @Test
    void everyClassIsDividedInTheGivenProportions() {
        StratifiedSplit split = StratifiedSplit.of(LABELS, 3, 0.2, 0.1, 42);

        assertThat(classCounts(split.valid())).containsExactly(20, 6, 2);
        assertThat(classCounts(split.test())).containsExactly(10, 3, 1);
        assertThat(classCounts(split.train())).containsExactly(70, 21, 7);
    }

    @Test
    void thePartsAreDisjointAndCoverEveryRow() {
        StratifiedSplit split = StratifiedSplit.of(LABELS, 3, 0.25, 0.15, 7);

        Set<Integer> seen = new HashSet<>();
        for (int[] part : new int[][] {split.train(), split.valid(), split.test()}) {
            for (int row : part) {
                assertThat(seen.add(row)).as("row %d in two parts", row).isTrue();
            }
        }
        assertThat(seen).hasSize(LABELS.length);
        assertThat(split.train()).isSorted();
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        StratifiedSplit a = StratifiedSplit.of(LABELS, 3, 0.2, 0, 42);
        StratifiedSplit b = StratifiedSplit.of(LABELS, 3, 0.2, 0, 42);
        StratifiedSplit c = StratifiedSplit.of(LABELS, 3, 0.2, 0, 43);

        assertThat(a.valid()).isEqualTo(b.valid());
        assertThat(a.train()).isEqualTo(b.train());
        assertThat(c.valid()).isNotEqualTo(a.valid());
        assertThat(a.test()).isEmpty();
    }

    @Test
    void theScalerIsFittedOnTrainingRowsAloneSoValidationValuesCannotLeakIn() {
        double[][] features = new double[LABELS.length][];
        for (int i = 0; i < features.length; i++) {
            features[i] = new double[] {i, 5.0};
        }
        StratifiedSplit split = StratifiedSplit.of(LABELS, 3, 0.2, 0, 42);
        Standardizer fitted = Standardizer.fit(features, split.train());
        double mean = Arrays.stream(split.train()).average().orElseThrow();
        double variance = Arrays.stream(split.train()).mapToDouble(r -> (r - mean) * (r - mean)).sum() / split.train().length;

        assertThat(fitted.mean()[0]).isCloseTo(mean, within(1e-9));
        assertThat(fitted.std()[0]).isCloseTo(Math.sqrt(variance), within(1e-9));
        // A constant feature is scaled by 1, not divided by 0.
        assertThat(fitted.std()[1]).isEqualTo(1.0);

        // Changing every validation row does not change the scaler.
        for (int row : split.valid()) {
            features[row][0] = 1e6;
        }
        Standardizer again = Standardizer.fit(features, split.train());
        assertThat(again.mean()).isEqualTo(fitted.mean());
        assertThat(again.std()).isEqualTo(fitted.std());

        float[] scaled = fitted.transform(features, split.train());
        double scaledMean = 0;
        for (int i = 0; i < split.train().length; i++) {
            scaledMean += scaled[2 * i];
        }
        assertThat(scaledMean / split.train().length).isCloseTo(0, within(1e-5));
    }

    @Test
    void badFractionsAreRefusedWithTheSetting() {
        assertThatThrownBy(() -> StratifiedSplit.of(LABELS, 3, 0, 0, 1))
                .hasMessage("objective.settings.valid_fraction must be > 0 and < 1, but got 0.0");
        assertThatThrownBy(() -> StratifiedSplit.of(LABELS, 3, 0.2, -0.1, 1))
                .hasMessage("objective.settings.test_fraction must be >= 0 and < 1, but got -0.1");
        assertThatThrownBy(() -> StratifiedSplit.of(LABELS, 3, 0.6, 0.4, 1))
                .hasMessageContaining("valid_fraction + test_fraction must be < 1");
        assertThatThrownBy(() -> StratifiedSplit.of(LABELS, 3, 0.001, 0, 1))
                .hasMessageContaining("leaves the validation split empty");
    }

    private static int[] classCounts(int[] rows) {
        int[] counts = new int[3];
        for (int row : rows) {
            counts[LABELS[row]]++;
        }
        return counts;
    }
}

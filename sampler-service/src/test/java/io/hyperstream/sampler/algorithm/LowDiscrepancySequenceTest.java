package io.hyperstream.sampler.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Sobol' and Halton points against the published sequences. The expected values were computed
 * once with scipy 1.10 ({@code scipy.stats.qmc.Sobol(d, scramble=False)} and
 * {@code qmc.Halton(d, scramble=False)}); Sobol' coordinates are given as multiples of 2^-30.
 */
class LowDiscrepancySequenceTest {

    /** {@code (qmc.Sobol(8, scramble=False).random(8) * 2**30).astype(int)}. */
    private static final long[][] SOBOL_8D_FIRST_8 = {
            {0, 0, 0, 0, 0, 0, 0, 0},
            {536870912, 536870912, 536870912, 536870912, 536870912, 536870912, 536870912, 536870912},
            {805306368, 268435456, 268435456, 268435456, 805306368, 805306368, 268435456, 805306368},
            {268435456, 805306368, 805306368, 805306368, 268435456, 268435456, 805306368, 268435456},
            {402653184, 402653184, 671088640, 939524096, 402653184, 134217728, 402653184, 939524096},
            {939524096, 939524096, 134217728, 402653184, 939524096, 671088640, 939524096, 402653184},
            {671088640, 134217728, 939524096, 671088640, 671088640, 939524096, 134217728, 134217728},
            {134217728, 671088640, 402653184, 134217728, 134217728, 402653184, 671088640, 671088640}};

    /** Coordinates 1, 2, 3, 8, 64, 501 and 1111 of far points of {@code qmc.Sobol(1111, scramble=False)}. */
    private static final int[] SOBOL_FAR_DIMENSIONS = {0, 1, 2, 7, 63, 500, 1110};
    private static final long[] SOBOL_FAR_INDICES = {100_000, 1_000_000, (1L << 29) + 12_345};
    private static final long[][] SOBOL_FAR_POINTS = {
            {65576960, 115515392, 1013161984, 38379520, 492724224, 200646656, 628695040},
            {28427264, 334920704, 889054208, 18031616, 62407680, 570690560, 434852864},
            {688193539, 622727441, 658718013, 700380067, 595740489, 582452235, 412549129}};

    /** {@code qmc.Halton(5, scramble=False).random(8)}, as scipy sums the digits. */
    private static final double[][] HALTON_5D_FIRST_8 = {
            {0.0, 0.0, 0.0, 0.0, 0.0},
            {0.5, 0.3333333333333333, 0.2, 0.14285714285714285, 0.09090909090909091},
            {0.25, 0.6666666666666666, 0.4, 0.2857142857142857, 0.18181818181818182},
            {0.75, 0.1111111111111111, 0.6000000000000001, 0.42857142857142855, 0.2727272727272727},
            {0.125, 0.4444444444444444, 0.8, 0.5714285714285714, 0.36363636363636365},
            {0.625, 0.7777777777777777, 0.04, 0.7142857142857142, 0.4545454545454546},
            {0.375, 0.2222222222222222, 0.24000000000000002, 0.8571428571428571, 0.5454545454545454},
            {0.875, 0.5555555555555556, 0.44, 0.02040816326530612, 0.6363636363636364}};

    private static final double TWO_TO_30 = 1L << 30;

    @Test
    void sobolPointsAreThePublishedSequence() {
        SobolSequence sobol = SobolSequence.of(8);
        for (int i = 0; i < 8; i++) {
            double[] expected = new double[8];
            for (int d = 0; d < 8; d++) {
                expected[d] = SOBOL_8D_FIRST_8[i][d] / TWO_TO_30;
            }
            assertThat(sobol.point(i)).as("point %d", i).containsExactly(expected);
        }
    }

    @Test
    void farSobolPointsInTheLastEmbeddedDimensionsAreThePublishedOnes() {
        SobolSequence sobol = SobolSequence.of(SobolSequence.MAX_DIMENSIONS);
        for (int k = 0; k < SOBOL_FAR_INDICES.length; k++) {
            double[] point = sobol.point(SOBOL_FAR_INDICES[k]);
            for (int j = 0; j < SOBOL_FAR_DIMENSIONS.length; j++) {
                assertThat(point[SOBOL_FAR_DIMENSIONS[j]])
                        .as("coordinate %d of point %d", SOBOL_FAR_DIMENSIONS[j] + 1, SOBOL_FAR_INDICES[k])
                        .isEqualTo(SOBOL_FAR_POINTS[k][j] / TWO_TO_30);
            }
        }
    }

    @Test
    void sobolRefusesDimensionsAndIndicesItHasNoNumbersFor() {
        assertThatThrownBy(() -> SobolSequence.of(SobolSequence.MAX_DIMENSIONS + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..1111 dimensions");
        assertThatThrownBy(() -> SobolSequence.of(2).point(1L << 30))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1073741824");
    }

    @Test
    void haltonPointsAreThePublishedSequence() {
        HaltonSequence halton = HaltonSequence.of(5);
        for (int i = 0; i < 8; i++) {
            assertThat(halton.point(i)).as("point %d", i).containsExactly(HALTON_5D_FIRST_8[i]);
        }
        // qmc.Halton(3, scramble=False) fast-forwarded by 1000.
        assertThat(HaltonSequence.of(3).point(1000)).containsExactly(0.0927734375, 0.3475080018289895, 0.00512);
    }

    @Test
    void theFirstTwoToTheKSobolPointsPutOneCoordinateInEachElementaryInterval() {
        assertBalanced(d -> SobolSequence.of(d), "plain");
        for (long seed = 1; seed <= 5; seed++) {
            long s = seed;
            assertBalanced(d -> SobolSequence.scrambled(d, new SplittableRandom(s)), "scrambled with seed " + seed);
        }
    }

    private static void assertBalanced(IntFunction<SobolSequence> sequence, String what) {
        int dims = 10;
        SobolSequence sobol = sequence.apply(dims);
        for (int k = 1; k <= 10; k++) {
            int n = 1 << k;
            for (int d = 0; d < dims; d++) {
                int[] counts = new int[n];
                for (int i = 0; i < n; i++) {
                    double x = sobol.point(i)[d];
                    assertThat(x).isGreaterThanOrEqualTo(0).isLessThan(1);
                    counts[(int) (x * n)]++;
                }
                for (int cell = 0; cell < n; cell++) {
                    assertThat(counts[cell]).as("%s: points 0..%d, dimension %d, interval %d/%d", what, n - 1, d + 1, cell, n)
                            .isEqualTo(1);
                }
            }
        }
    }

    @Test
    void scrambledSequencesAreFixedBySeedAndDifferAcrossSeeds() {
        assertThat(points(SobolSequence.scrambled(4, new SplittableRandom(7)), 16))
                .isEqualTo(points(SobolSequence.scrambled(4, new SplittableRandom(7)), 16))
                .isNotEqualTo(points(SobolSequence.scrambled(4, new SplittableRandom(8)), 16))
                .isNotEqualTo(points(SobolSequence.of(4), 16));
        assertThat(points(HaltonSequence.scrambled(4, new SplittableRandom(7)), 16))
                .isEqualTo(points(HaltonSequence.scrambled(4, new SplittableRandom(7)), 16))
                .isNotEqualTo(points(HaltonSequence.scrambled(4, new SplittableRandom(8)), 16))
                .isNotEqualTo(points(HaltonSequence.of(4), 16));
    }

    @Test
    void scrambledHaltonKeepsTheStratificationOfEachBase() {
        // Owen's digit permutations keep the property that b^k consecutive points from 0 put one
        // coordinate in each of the b^k intervals of base b.
        HaltonSequence halton = HaltonSequence.scrambled(3, new SplittableRandom(3));
        int[] bases = {2, 3, 5};
        for (int d = 0; d < 3; d++) {
            int n = bases[d] * bases[d] * bases[d];
            int[] counts = new int[n];
            for (int i = 0; i < n; i++) {
                double x = halton.point(i)[d];
                assertThat(x).isGreaterThanOrEqualTo(0).isLessThan(1);
                counts[(int) (x * n)]++;
            }
            for (int cell = 0; cell < n; cell++) {
                assertThat(counts[cell]).as("base %d, interval %d/%d", bases[d], cell, n).isEqualTo(1);
            }
        }
    }

    private static List<List<Double>> points(LowDiscrepancySequence sequence, int n) {
        List<List<Double>> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Double> p = new ArrayList<>();
            for (double x : sequence.point(i)) {
                p.add(x);
            }
            points.add(p);
        }
        return points;
    }
}

package io.hyperstream.sampler.algorithm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AcquisitionSearchTest {

    private static GaussianProcess model(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[60][3];
        double[] y = new double[60];
        for (int i = 0; i < 60; i++) {
            for (int d = 0; d < 3; d++) {
                x[i][d] = random.nextDouble();
            }
            y[i] = -Math.pow(x[i][0] - 0.3, 2) - Math.pow(x[i][1] - 0.6, 2) + 0.1 * Math.sin(9 * x[i][2]);
        }
        GpSampler.standardize(y);
        return GaussianProcess.condition(x, y, new boolean[3],
                new GaussianProcess.Hyperparameters(new double[] {0.3, 0.3, 0.5}, 1.0, 1e-4));
    }

    @Test
    void screeningByTheVarianceBoundKeepsExactlyTheBestCandidates() {
        for (long seed = 1; seed <= 5; seed++) {
            GaussianProcess gp = model(seed);
            AcquisitionSearch search = new AcquisitionSearch(gp, 1.5, new int[3], p -> { });
            double[][] candidates = search.candidates(new double[][] {{0.3, 0.6, 0.5}}, 2048, new SplittableRandom(seed));
            double[] all = search.score(candidates);
            int[] exhaustive = IntStream.range(0, all.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -all[i]).thenComparingInt(i -> i))
                    .mapToInt(Integer::intValue).limit(5).toArray();

            int[] screened = search.bestCandidates(candidates, 5);

            assertThat(Arrays.copyOf(screened, 5)).as("seed %d", seed).containsExactly(exhaustive);
            assertThat(screened.length).as("candidates scored exactly").isLessThan(1024);
        }
    }

    @Test
    void theLocalAscentDoesAtLeastAsWellAsTheBestCandidateAndSnapsToTheGrid() {
        GaussianProcess gp = model(7);
        // The first coordinate takes 11 grid values (0, 0.1, ..., 1), as a stepped parameter would.
        AcquisitionSearch.Snapper grid = p -> p[0] = Math.rint(p[0] * 10) / 10;
        AcquisitionSearch search = new AcquisitionSearch(gp, 1.5, new int[3], grid);
        double[][] candidates = search.candidates(new double[][] {{0.3, 0.6, 0.5}}, 512, new SplittableRandom(3));
        double bestCandidate = Arrays.stream(search.score(candidates)).max().orElseThrow();

        double[] point = search.maximize(new double[][] {{0.3, 0.6, 0.5}}, 512, 5, new SplittableRandom(3));

        assertThat(search.logEi(point)).isGreaterThanOrEqualTo(bestCandidate - 1e-9);
        assertThat(point[0] * 10).isEqualTo(Math.rint(point[0] * 10));
        for (double v : point) {
            assertThat(v).isBetween(0.0, 1.0);
        }
    }
}

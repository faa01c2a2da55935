package io.hyperstream.sampler.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianProcessTest {

    private static final boolean[] NUMERIC_2D = {false, false};

    private static double[][] randomPoints(int n, int dim, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][dim];
        for (double[] p : x) {
            for (int d = 0; d < dim; d++) {
                p[d] = random.nextDouble();
            }
        }
        return x;
    }

    private static double smooth(double[] p) {
        return Math.sin(6 * p[0]) + p[1] * p[1];
    }

    @Test
    void theMatern52KernelHasItsClosedForm() {
        double s = Math.sqrt(5);
        assertThat(GaussianProcess.kernel(0, 2.0)).isEqualTo(2.0);
        assertThat(GaussianProcess.kernel(1, 1.0)).isCloseTo((1 + s + 5.0 / 3) * Math.exp(-s), within(1e-15));
        assertThat(GaussianProcess.kernel(1, 1.0)).isCloseTo(0.5239941088318203, within(1e-12));
    }

    @Test
    void interpolatesItsTrainingPointsWhenNoiseIsNearZero() {
        double[][] x = randomPoints(12, 2, 1);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = smooth(x[i]);
        }
        GaussianProcess gp = GaussianProcess.condition(x, y, NUMERIC_2D,
                new GaussianProcess.Hyperparameters(new double[] {0.3, 0.5}, 1.0, 1e-10));
        double[] out = new double[2];
        for (int i = 0; i < x.length; i++) {
            gp.predictWithGradient(x[i], out, new double[2], new double[2]);
            assertThat(out[0]).as("mean at training point %d", i).isCloseTo(y[i], within(1e-5));
            assertThat(out[1]).as("variance at training point %d", i).isLessThan(1e-6);
        }
        // Far from every observation the posterior falls back to the prior.
        gp.predictWithGradient(new double[] {40, 40}, out, new double[2], new double[2]);
        assertThat(out[0]).isCloseTo(0, within(1e-9));
        assertThat(out[1]).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void batchPredictionsAgreeWithSinglePointOnesAndTheVarianceBoundHolds() {
        double[][] x = randomPoints(25, 2, 2);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = smooth(x[i]);
        }
        GaussianProcess gp = GaussianProcess.condition(x, y, NUMERIC_2D,
                new GaussianProcess.Hyperparameters(new double[] {0.2, 0.4}, 1.5, 1e-4));
        double[][] points = randomPoints(40, 2, 3);
        double[][] byDim = GaussianProcess.byDimension(points, 2);
        double[] mean = new double[40];
        double[] variance = new double[40];
        double[] boundMean = new double[40];
        double[] bound = new double[40];
        gp.predict(byDim, 40, mean, variance);
        gp.predictMeanAndVarianceBound(byDim, 40, boundMean, bound);
        double[] out = new double[2];
        for (int c = 0; c < 40; c++) {
            gp.predictWithGradient(points[c], out, new double[2], new double[2]);
            assertThat(mean[c]).isCloseTo(out[0], within(1e-10));
            assertThat(variance[c]).isCloseTo(out[1], within(1e-10));
            assertThat(boundMean[c]).isCloseTo(out[0], within(1e-10));
            assertThat(bound[c]).isGreaterThanOrEqualTo(variance[c] - 1e-12);
        }
    }

    @Test
    void itsGradientsMatchFiniteDifferences() {
        double[][] x = randomPoints(15, 3, 4);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = smooth(x[i]) + x[i][2];
        }
        boolean[] categorical = {false, false, true};
        for (double[] p : x) {
            p[2] = Math.floor(p[2] * 3);
        }
        GaussianProcess gp = GaussianProcess.condition(x, y, categorical,
                new GaussianProcess.Hyperparameters(new double[] {0.3, 0.6, 1.0}, 1.2, 1e-3));
        double[] point = {0.41, 0.73, 1};
        double[] out = new double[2];
        double[] gm = new double[3];
        double[] gv = new double[3];
        gp.predictWithGradient(point, out, gm, gv);
        for (int d = 0; d < 2; d++) {
            double h = 1e-6;
            double[] up = point.clone();
            double[] down = point.clone();
            up[d] += h;
            down[d] -= h;
            double[] o1 = new double[2];
            double[] o2 = new double[2];
            gp.predictWithGradient(up, o1, new double[3], new double[3]);
            gp.predictWithGradient(down, o2, new double[3], new double[3]);
            assertThat(gm[d]).isCloseTo((o1[0] - o2[0]) / (2 * h), within(1e-6));
            assertThat(gv[d]).isCloseTo((o1[1] - o2[1]) / (2 * h), within(1e-6));
        }
        assertThat(gm[2]).isZero();
    }

    @Test
    void theLogMarginalLikelihoodIsTheGaussianDensityOfTheObservations() {
        double[][] x = randomPoints(6, 2, 5);
        double[] y = {0.3, -1.2, 0.8, 0.1, -0.4, 1.5};
        GpHyperparameterFit fit = new GpHyperparameterFit(x, y, NUMERIC_2D, false);
        double[] u = {Math.log(0.4), Math.log(0.7), Math.log(1.3), Math.log(0.05)};
        GaussianProcess.Hyperparameters h = fit.hyperparameters(u);

        // log N(y; 0, K + νI) by elimination, independently of Cholesky.
        int n = y.length;
        double[][] k = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double r2 = 0;
                for (int d = 0; d < 2; d++) {
                    double diff = (x[i][d] - x[j][d]) / h.lengthScales()[d];
                    r2 += diff * diff;
                }
                k[i][j] = GaussianProcess.kernel(r2, h.signalVariance()) + (i == j ? h.noiseVariance() : 0);
            }
            k[i][n] = y[i];
        }
        double logDet = 0;
        for (int c = 0; c < n; c++) {
            logDet += Math.log(k[c][c]);
            for (int r = c + 1; r < n; r++) {
                double f = k[r][c] / k[c][c];
                for (int j = c; j <= n; j++) {
                    k[r][j] -= f * k[c][j];
                }
            }
        }
        double[] alpha = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = k[i][n];
            for (int j = i + 1; j < n; j++) {
                s -= k[i][j] * alpha[j];
            }
            alpha[i] = s / k[i][i];
        }
        double quad = 0;
        for (int i = 0; i < n; i++) {
            quad += y[i] * alpha[i];
        }
        double expected = -0.5 * quad - 0.5 * logDet - 0.5 * n * Math.log(2 * Math.PI);
        assertThat(fit.logMarginalLikelihood(u)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void theFitObjectivesGradientMatchesFiniteDifferences() {
        double[][] x = randomPoints(20, 3, 6);
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            x[i][2] = Math.floor(x[i][2] * 4);
            y[i] = smooth(x[i]) + (x[i][2] == 1 ? 0.5 : 0);
        }
        GpSampler.standardize(y);
        for (boolean fixedNoise : new boolean[] {false, true}) {
            GpHyperparameterFit fit = new GpHyperparameterFit(x, y, new boolean[] {false, false, true}, fixedNoise);
            double[] u = fixedNoise ? new double[] {-1.2, -0.3, 0.4, 0.2} : new double[] {-1.2, -0.3, 0.4, 0.2, -3};
            double[] g = new double[u.length];
            fit.negativeLogPosterior(u, g);
            for (int p = 0; p < u.length; p++) {
                double h = 1e-6;
                double[] up = u.clone();
                double[] down = u.clone();
                up[p] += h;
                down[p] -= h;
                double numeric = (fit.negativeLogPosterior(up, new double[u.length])
                        - fit.negativeLogPosterior(down, new double[u.length])) / (2 * h);
                assertThat(g[p]).as("parameter %d, fixed noise %s", p, fixedNoise)
                        .isCloseTo(numeric, within(1e-5 * Math.max(1, Math.abs(numeric))));
            }
        }
    }

    @Test
    void fittingGivesAnIrrelevantInputALongerLengthScaleAndNoisyDataMoreNoise() {
        double[][] x = randomPoints(40, 2, 7);
        double[] clean = new double[40];
        double[] noisy = new double[40];
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 40; i++) {
            clean[i] = Math.sin(6 * x[i][0]);
            noisy[i] = clean[i] + 0.5 * (random.nextDouble() - 0.5);
        }
        GpSampler.standardize(clean);
        GpSampler.standardize(noisy);
        List<GpHyperparameterFit.Start> start = List.of(GpHyperparameterFit.Start.of(GpHyperparameterFit.defaultStart(2, false)));
        GaussianProcess.Hyperparameters a = new GpHyperparameterFit(x, clean, NUMERIC_2D, false).fit(start, 200).hyperparameters();
        GaussianProcess.Hyperparameters b = new GpHyperparameterFit(x, noisy, NUMERIC_2D, false).fit(start, 200).hyperparameters();
        assertThat(a.lengthScales()[1]).isGreaterThan(5 * a.lengthScales()[0]);
        assertThat(a.noiseVariance()).isLessThan(1e-3);
        assertThat(b.noiseVariance()).isGreaterThan(10 * a.noiseVariance());
    }
}

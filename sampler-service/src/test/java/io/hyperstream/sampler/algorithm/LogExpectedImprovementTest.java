package io.hyperstream.sampler.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogExpectedImprovementTest {

    /** log(φ(z) + z Φ(z)), computed term by term: fine while the two terms do not cancel. */
    private static double directLogH(double z) {
        double pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
        return Math.log(pdf + z * Gaussian.cdf(z));
    }

    @Test
    void matchesTheDirectFormulaWhereThatIsStable() {
        for (double z = -2; z <= 6; z += 0.25) {
            assertThat(LogExpectedImprovement.logH(z)).as("z=%s", z).isCloseTo(directLogH(z), within(2e-6));
        }
        // EI(μ, σ) = σ h((μ - best)/σ).
        double mean = 1.3;
        double sd = 0.4;
        double best = 1.1;
        double z = (mean - best) / sd;
        double direct = sd * (Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) + z * Gaussian.cdf(z));
        assertThat(LogExpectedImprovement.value(mean, sd, best)).isCloseTo(Math.log(direct), within(1e-6));
    }

    @Test
    void matchesHighPrecisionValuesAcrossItsThreeRegimes() {
        // log h(z) computed with 50 significant digits (mpmath): direct, Mills ratio, asymptotic series.
        double[][] reference = {
            {3.0, 1.0987396653277078}, {0.5, -0.35982768374506382}, {0.0, -0.91893853320467274},
            {-0.5, -1.6205162643873199}, {-1.0, -2.4851210257126413}, {-2.5, -6.2125416454435129},
            {-5.0, -16.74430116266099}, {-9.0, -45.848941292669033}, {-10.5, -60.773083700673941},
            {-20.0, -206.9178385094251}, {-40.0, -808.29856835661996}};
        for (double[] r : reference) {
            assertThat(LogExpectedImprovement.logH(r[0])).as("z=%s", r[0])
                    .isCloseTo(r[1], within(1e-12 * Math.max(1, Math.abs(r[1]))));
        }
    }

    @Test
    void staysFiniteAndOrderedFarBelowTheThreshold() {
        double previous = Double.NEGATIVE_INFINITY;
        for (double z : new double[] {-1e6, -1e4, -1e3, -100, -40, -39, -30, -10.01, -10, -9.99, -5, -1.001, -1, -0.999}) {
            double v = LogExpectedImprovement.logH(z);
            assertThat(v).as("z=%s", z).isFinite().isGreaterThan(previous);
            previous = v;
            // Far below the threshold the direct formula gives log(0) = -∞ (or garbage); the limit is
            // log h(z) ≈ -z²/2 - log √(2π) - 2 log|z|.
            if (z <= -100) {
                double asymptote = -0.5 * z * z - 0.5 * Math.log(2 * Math.PI) - 2 * Math.log(-z);
                assertThat(v).isCloseTo(asymptote, within(1e-9 * Math.abs(asymptote) + 4 / (z * z)));
                assertThat(directLogH(z)).isEqualTo(Double.NEGATIVE_INFINITY);
            }
        }
        assertThat(LogExpectedImprovement.value(-1e3, 1e-3, 0)).isFinite();
    }

    @Test
    void itsGradientMatchesFiniteDifferences() {
        double[] out = new double[3];
        for (double[] c : new double[][] {{0.3, 0.2, 0.1}, {-1, 0.5, 0.2}, {-3, 0.1, 0.5}, {2, 1, -1}, {-5, 0.2, 1}}) {
            LogExpectedImprovement.valueAndGradient(c[0], c[1], c[2], out);
            double h = 1e-6;
            double dMean = (LogExpectedImprovement.value(c[0] + h, c[1], c[2]) - LogExpectedImprovement.value(c[0] - h, c[1], c[2])) / (2 * h);
            double dSd = (LogExpectedImprovement.value(c[0], c[1] + h, c[2]) - LogExpectedImprovement.value(c[0], c[1] - h, c[2])) / (2 * h);
            assertThat(out[0]).isEqualTo(LogExpectedImprovement.value(c[0], c[1], c[2]));
            assertThat(out[1]).as("∂/∂mean at %s", java.util.Arrays.toString(c)).isCloseTo(dMean, within(1e-5 * Math.max(1, Math.abs(dMean))));
            assertThat(out[2]).as("∂/∂sd at %s", java.util.Arrays.toString(c)).isCloseTo(dSd, within(1e-5 * Math.max(1, Math.abs(dSd))));
        }
    }

    @Test
    void theMillsRatioIsAccurate() {
        // Φ(-y)/φ(y) with 40 significant digits (mpmath).
        assertThat(LogExpectedImprovement.millsRatio(0)).isCloseTo(1.2533141373155003, within(1e-15));
        assertThat(LogExpectedImprovement.millsRatio(2)).isCloseTo(0.4213692292880545, within(1e-15));
        assertThat(LogExpectedImprovement.millsRatio(8)).isCloseTo(0.1231319632579323, within(1e-15));
        assertThat(LogExpectedImprovement.millsRatio(50)).isCloseTo(0.019992009580853568, within(1e-16));
    }
}

package io.hyperstream.pruner.algorithm;

import java.util.Arrays;

/**
 * The one-sample Wilcoxon signed-rank test on paired differences, as SciPy 1.10's
 * {@code scipy.stats.wilcoxon(d, alternative=..., zero_method="zsplit")} computes it (what
 * Optuna's {@code WilcoxonPruner} calls): the exact null distribution of the positive rank sum
 * for up to 50 differences without zeros, otherwise the normal approximation with the tie
 * correction and no continuity correction. Zero differences share their ranks between the two
 * sums ({@code zsplit}).
 */
final class SignedRankTest {

    /** The alternative hypothesis about the differences' location. */
    enum Alternative {
        /** The differences tend to be positive. */
        GREATER,
        /** The differences tend to be negative. */
        LESS
    }

    private static final int EXACT_MAX = 50;

    private SignedRankTest() {
    }

    /** The p-value; NaN for no differences. */
    static double pValue(double[] d, Alternative alternative) {
        int n = d.length;
        if (n == 0) {
            return Double.NaN;
        }
        double[] ranks = ranks(d);
        double rPlus = 0;
        double rZero = 0;
        boolean zeros = false;
        for (int i = 0; i < n; i++) {
            if (d[i] > 0) {
                rPlus += ranks[i];
            } else if (d[i] == 0) {
                rZero += ranks[i];
                zeros = true;
            }
        }
        rPlus += rZero / 2;
        if (n <= EXACT_MAX && !zeros) {
            double[] pmf = distribution(n);
            int r = (int) rPlus;
            double p = 0;
            if (alternative == Alternative.GREATER) {
                for (int i = r; i < pmf.length; i++) {
                    p += pmf[i];
                }
            } else {
                for (int i = 0; i <= r; i++) {
                    p += pmf[i];
                }
            }
            return Math.max(0, Math.min(1, p));
        }
        double mean = n * (n + 1.0) * 0.25;
        double variance = n * (n + 1.0) * (2.0 * n + 1.0);
        double[] sorted = ranks.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) {
                j++;
            }
            int repeats = j - i;
            if (repeats > 1) {
                variance -= 0.5 * repeats * ((double) repeats * repeats - 1);
            }
            i = j;
        }
        double z = (rPlus - mean) / Math.sqrt(variance / 24);
        return alternative == Alternative.GREATER ? normalCdf(-z) : normalCdf(z);
    }

    /** Ranks of |d| from 1, ties getting their average rank (SciPy's {@code rankdata}). */
    static double[] ranks(double[] d) {
        int n = d.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(d[a]), Math.abs(d[b])));
        double[] ranks = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && Math.abs(d[order[j]]) == Math.abs(d[order[i]])) {
                j++;
            }
            double average = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                ranks[order[k]] = average;
            }
            i = j;
        }
        return ranks;
    }

    /** The null distribution of the positive rank sum of n differences, by sum 0..n(n+1)/2. */
    static double[] distribution(int n) {
        double[] c = {1.0};
        for (int k = 1; k <= n; k++) {
            double[] previous = c;
            c = new double[k * (k + 1) / 2 + 1];
            int m = previous.length;
            for (int i = 0; i < m; i++) {
                c[i] += previous[i] * 0.5;
                c[c.length - m + i] += previous[i] * 0.5;
            }
        }
        return c;
    }

    /** The standard normal distribution function. */
    static double normalCdf(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        return z < 0 ? 0.5 * erfc(-z / Math.sqrt(2)) : 1 - 0.5 * erfc(z / Math.sqrt(2));
    }

    /**
     * The complementary error function for x >= 0: a series of positive terms below 3 (no
     * cancellation), a continued fraction (modified Lentz) above, both to about 1e-15.
     */
    static double erfc(double x) {
        if (x < 3) {
            // erf(x) = 2/sqrt(pi) exp(-x^2) sum_{k>=0} (2x^2)^k x / (1*3*...*(2k+1))
            double term = x;
            double sum = x;
            for (int k = 1; k < 500 && term > sum * 1e-17; k++) {
                term *= 2 * x * x / (2 * k + 1);
                sum += term;
            }
            return 1 - 2 / Math.sqrt(Math.PI) * Math.exp(-x * x) * sum;
        }
        // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double dd = 0;
        for (int k = 1; k < 500; k++) {
            double a = k / 2.0;
            dd = x + a * dd;
            dd = dd == 0 ? tiny : dd;
            c = x + a / c;
            c = c == 0 ? tiny : c;
            dd = 1 / dd;
            double delta = c * dd;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }
}

package io.hyperstream.sampler.algorithm;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A mixture density over one or more dimensions, as TPE builds from a set of observed points:
 * one component per observation plus a wide prior component. Numeric dimensions use normal
 * kernels truncated to the dimension's interval, each as wide as the larger gap to its
 * neighbours in that dimension; categorical dimensions use a smoothed distribution over the
 * choices. Besides the joint density, it gives the product of its one-dimensional marginals.
 */
final class ParzenEstimator {

    /**
     * How the kernels are shaped.
     *
     * @param normalized whether a kernel's density carries its 1/sigma factor (see {@link #buildNumeric})
     */
    record Settings(double priorWeight, boolean considerMagicClip, boolean considerEndpoints, boolean normalized) {
    }

    /** The log densities of some points: under the joint mixture, and summed over the marginals. */
    record LogDensities(double[] joint, double[] marginals) {
    }

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private final List<SearchDimension> dims;
    private final int components;
    private final double[] weights;
    private final double[] logWeights;
    /** Per component: log weight minus the normalizers of its numeric kernels. */
    private final double[] logConstant;
    /** Per numeric dimension and component: minus the log normalizer of that kernel. */
    private final double[][] kernelLogConstant;
    private final double[][] mus;
    private final double[][] invSigmas;
    private final double[][] sigmas;
    /** Per categorical dimension: [component][choice] probabilities, and their logs. */
    private final double[][][] choiceProbs;
    private final double[][][] choiceLogProbs;

    /**
     * @param observations one row per observed point, one column per dimension (model coordinates)
     * @param obsWeights   the weight of each observation (the prior adds its own)
     */
    ParzenEstimator(List<SearchDimension> dims, double[][] observations, double[] obsWeights, Settings settings) {
        this.dims = dims;
        int n = observations.length;
        this.components = n + 1;
        this.weights = new double[components];
        double total = settings.priorWeight();
        for (int k = 0; k < n; k++) {
            weights[k] = obsWeights[k];
            total += obsWeights[k];
        }
        weights[n] = settings.priorWeight();
        for (int k = 0; k < components; k++) {
            weights[k] /= total;
        }
        this.logWeights = new double[components];
        this.logConstant = new double[components];
        for (int k = 0; k < components; k++) {
            logWeights[k] = Math.log(weights[k]);
            logConstant[k] = logWeights[k];
        }
        int d = dims.size();
        this.mus = new double[d][];
        this.sigmas = new double[d][];
        this.invSigmas = new double[d][];
        this.kernelLogConstant = new double[d][];
        this.choiceProbs = new double[d][][];
        this.choiceLogProbs = new double[d][][];
        for (int j = 0; j < d; j++) {
            SearchDimension dim = dims.get(j);
            double[] column = new double[n];
            for (int k = 0; k < n; k++) {
                column[k] = observations[k][j];
            }
            if (dim.isCategorical()) {
                buildCategorical(j, dim, column, settings.priorWeight());
            } else {
                buildNumeric(j, dim, column, settings);
            }
        }
    }

    private void buildCategorical(int j, SearchDimension dim, double[] column, double priorWeight) {
        int c = dim.choices();
        double[][] probs = new double[components][c];
        double[][] logs = new double[components][c];
        for (int k = 0; k < components; k++) {
            Arrays.fill(probs[k], priorWeight / c);
            if (k < column.length) {
                probs[k][(int) Math.round(column[k])] += 1;
            }
            double sum = 0;
            for (double p : probs[k]) {
                sum += p;
            }
            for (int i = 0; i < c; i++) {
                probs[k][i] /= sum;
                logs[k][i] = Math.log(probs[k][i]);
            }
        }
        choiceProbs[j] = probs;
        choiceLogProbs[j] = logs;
    }

    private void buildNumeric(int j, SearchDimension dim, double[] column, Settings settings) {
        int n = column.length;
        double low = dim.low();
        double high = dim.high();
        double width = high - low;
        double[] mu = new double[components];
        double[] sigma = new double[components];
        System.arraycopy(column, 0, mu, 0, n);
        mu[n] = 0.5 * (low + high);
        neighbourBandwidths(mu, sigma, low, high, settings.considerEndpoints());
        double minSigma = settings.considerMagicClip() ? width / Math.min(100.0, 1.0 + components) : 1e-12;
        for (int k = 0; k < n; k++) {
            sigma[k] = Math.max(minSigma, Math.min(width, sigma[k]));
        }
        sigma[n] = width;
        double[] inv = new double[components];
        double[] kernelConstant = new double[components];
        for (int k = 0; k < components; k++) {
            inv[k] = 1 / sigma[k];
            double upper = (high - mu[k]) * inv[k];
            double lower = (low - mu[k]) * inv[k];
            // Beyond 9 sigmas on both sides the mass is 1 to double precision: skip the two erf calls.
            double mass = upper > 9 && lower < -9 ? 1.0 : Gaussian.cdf(upper) - Gaussian.cdf(lower);
            double normalizer = Math.log(Math.max(mass, 1e-300)) + LOG_SQRT_2PI;
            // Optuna 3.1 leaves the kernel's 1/sigma factor out (later versions put it back): a
            // component then weighs in proportion to its bandwidth, which favours the broad kernels
            // of isolated points. Measured on the benchmark problems, the independent TPE finds
            // better values that way and the joint model with the true densities.
            if (settings.normalized()) {
                normalizer += Math.log(sigma[k]);
            }
            kernelConstant[k] = -normalizer;
            logConstant[k] -= normalizer;
        }
        mus[j] = mu;
        sigmas[j] = sigma;
        invSigmas[j] = inv;
        kernelLogConstant[j] = kernelConstant;
    }

    /**
     * Optuna's univariate bandwidth, used per dimension for joint kernels too: each kernel is as
     * wide as the larger gap to its neighbours among all centres (the prior's included) and the
     * interval's ends. Unlike a bandwidth fixed by the number of points (Scott's rule, Optuna's
     * multivariate default), it narrows where the good trials crowd together.
     */
    private static void neighbourBandwidths(double[] mu, double[] sigma, double low, double high, boolean endpoints) {
        int m = mu.length;
        double[] sorted = new double[m + 2];
        System.arraycopy(mu, 0, sorted, 1, m);
        Arrays.sort(sorted, 1, m + 1);
        sorted[0] = low;
        sorted[m + 1] = high;
        // Equal centres take consecutive positions, in index order.
        int[] taken = new int[m + 2];
        for (int k = 0; k < m; k++) {
            int first = lowerBound(sorted, 1, m + 1, mu[k]);
            int position = first + taken[first]++;
            double left = sorted[position] - sorted[position - 1];
            double right = sorted[position + 1] - sorted[position];
            if (!endpoints && m >= 2 && position == 1) {
                sigma[k] = right;
            } else if (!endpoints && m >= 2 && position == m) {
                sigma[k] = left;
            } else {
                sigma[k] = Math.max(left, right);
            }
        }
    }

    /** The first index in [from, to) whose value is >= key, in a sorted range. */
    private static int lowerBound(double[] sorted, int from, int to, double key) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Draws {@code count} points: pick a component by weight, then each dimension from its kernel,
     * or, with probability {@code recombination} per dimension, from the kernel of another
     * component picked by weight (so that good values of different trials get combined).
     */
    double[][] sample(SplittableRandom random, int count, double recombination) {
        double[][] points = new double[count][dims.size()];
        for (int i = 0; i < count; i++) {
            int picked = pickComponent(random.nextDouble());
            for (int j = 0; j < dims.size(); j++) {
                int k = recombination > 0 && random.nextDouble() < recombination
                        ? pickComponent(random.nextDouble())
                        : picked;
                SearchDimension dim = dims.get(j);
                if (dim.isCategorical()) {
                    points[i][j] = pick(choiceProbs[j][k], random.nextDouble());
                } else {
                    points[i][j] = truncatedNormal(mus[j][k], sigmas[j][k], dim.low(), dim.high(), random);
                }
            }
        }
        return points;
    }

    private int pickComponent(double u) {
        return pick(weights, u);
    }

    private static int pick(double[] probs, double u) {
        double acc = 0;
        for (int i = 0; i < probs.length; i++) {
            acc += probs[i];
            if (u < acc) {
                return i;
            }
        }
        return probs.length - 1;
    }

    private static double truncatedNormal(double mu, double sigma, double low, double high, SplittableRandom random) {
        double a = Gaussian.cdf((low - mu) / sigma);
        double b = Gaussian.cdf((high - mu) / sigma);
        double x;
        if (b - a < 1e-12) {
            // The kernel's mass inside the interval is negligible: its nearest end stands in.
            x = mu < low ? low : high;
        } else {
            x = mu + sigma * Gaussian.quantile(a + random.nextDouble() * (b - a));
        }
        return Math.max(low, Math.min(high, x));
    }

    /**
     * The log density of each point under the joint mixture and, if {@code withMarginals}, the
     * sum over dimensions of its log density under each dimension's marginal mixture (the density
     * of a model that takes the dimensions as independent); null otherwise.
     */
    LogDensities logDensities(double[][] points, boolean withMarginals) {
        double[] joint = new double[points.length];
        double[] marginals = withMarginals ? new double[points.length] : null;
        double[] terms = new double[components];
        double[] dimTerms = withMarginals ? new double[components] : null;
        for (int i = 0; i < points.length; i++) {
            double[] x = points[i];
            System.arraycopy(logConstant, 0, terms, 0, components);
            double marginalSum = 0;
            for (int j = 0; j < dims.size(); j++) {
                if (dims.get(j).isCategorical()) {
                    double[][] logs = choiceLogProbs[j];
                    int c = (int) Math.round(x[j]);
                    for (int k = 0; k < components; k++) {
                        double t = logs[k][c];
                        terms[k] += t;
                        if (withMarginals) {
                            dimTerms[k] = logWeights[k] + t;
                        }
                    }
                } else {
                    double[] mu = mus[j];
                    double[] inv = invSigmas[j];
                    double[] kernelConstant = kernelLogConstant[j];
                    double xj = x[j];
                    for (int k = 0; k < components; k++) {
                        double z = (xj - mu[k]) * inv[k];
                        double t = -0.5 * z * z;
                        terms[k] += t;
                        if (withMarginals) {
                            dimTerms[k] = logWeights[k] + kernelConstant[k] + t;
                        }
                    }
                }
                if (withMarginals) {
                    marginalSum += logSumExp(dimTerms);
                }
            }
            joint[i] = logSumExp(terms);
            if (withMarginals) {
                marginals[i] = marginalSum;
            }
        }
        return new LogDensities(joint, marginals);
    }

    private static double logSumExp(double[] terms) {
        double max = Double.NEGATIVE_INFINITY;
        for (double t : terms) {
            max = Math.max(max, t);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double t : terms) {
            double d = t - max;
            // Terms more than 40 below the largest add less than 1e-17 of it: skip their exp.
            if (d > -40) {
                sum += Math.exp(d);
            }
        }
        return max + Math.log(sum);
    }
}

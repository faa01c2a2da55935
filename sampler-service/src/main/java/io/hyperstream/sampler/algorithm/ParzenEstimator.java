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
    /**
     * Per numeric dimension, for its marginal: the components' centres, inverse bandwidths and
     * log weights plus kernel constants, in ascending order of centre (the prior last), so that
     * the kernels near a point, which are the ones that count, lie together.
     */
    private final double[][] marginalMus;
    private final double[][] marginalInvSigmas;
    private final double[][] marginalBase;
    /**
     * Per numeric dimension: the largest of {@code marginalBase}, an upper bound of every term
     * of the marginal's log-sum-exp, and how far below it the prior's term can lie at most.
     */
    private final double[] marginalBound;
    private final double[] marginalSlack;
    /**
     * Per numeric dimension, over the observations in centre order: the widest bandwidth up to
     * each position from the left, and from each position to the right. They bound how far from
     * a point a kernel can still count.
     */
    private final double[][] widestFromLeft;
    private final double[][] widestToRight;
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
        this(dims, observations, obsWeights, settings, null);
    }

    /**
     * @param sortedOrder per numeric dimension, the indices of the observations in ascending
     *                    order of that coordinate (ties by index), or null to sort them here
     */
    ParzenEstimator(List<SearchDimension> dims, double[][] observations, double[] obsWeights, Settings settings,
                    int[][] sortedOrder) {
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
        this.marginalMus = new double[d][];
        this.marginalInvSigmas = new double[d][];
        this.marginalBase = new double[d][];
        this.marginalBound = new double[d];
        this.marginalSlack = new double[d];
        this.widestFromLeft = new double[d][];
        this.widestToRight = new double[d][];
        this.choiceProbs = new double[d][][];
        this.choiceLogProbs = new double[d][][];
        for (int j = 0; j < d; j++) {
            SearchDimension dim = dims.get(j);
            // A numeric column becomes the kernels' centres, with room for the prior's.
            double[] column = new double[dim.isCategorical() ? n : components];
            for (int k = 0; k < n; k++) {
                column[k] = observations[k][j];
            }
            if (dim.isCategorical()) {
                buildCategorical(j, dim, column, settings.priorWeight());
            } else {
                buildNumeric(j, dim, column, settings, sortedOrder == null ? null : sortedOrder[j]);
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

    /** @param mu the observations' coordinates, then a free entry for the prior's centre */
    private void buildNumeric(int j, SearchDimension dim, double[] mu, Settings settings, int[] order) {
        int n = components - 1;
        double low = dim.low();
        double high = dim.high();
        double width = high - low;
        double[] sigma = new double[components];
        mu[n] = 0.5 * (low + high);
        if (order == null) {
            neighbourBandwidths(mu, sigma, low, high, settings.considerEndpoints());
        } else {
            neighbourBandwidths(mu, order, sigma, low, high, settings.considerEndpoints());
        }
        double minSigma = settings.considerMagicClip() ? width / Math.min(100.0, 1.0 + components) : 1e-12;
        for (int k = 0; k < n; k++) {
            sigma[k] = Math.max(minSigma, Math.min(width, sigma[k]));
        }
        sigma[n] = width;
        double logMinSigma = Math.log(minSigma);
        double[] inv = new double[components];
        double[] kernelConstant = new double[components];
        for (int k = 0; k < components; k++) {
            inv[k] = 1 / sigma[k];
            double upper = (high - mu[k]) * inv[k];
            double lower = (low - mu[k]) * inv[k];
            // Beyond 9 sigmas the tail's mass is below 1e-18, nothing next to the mass of the
            // kernel's other half: only the ends within 9 sigmas take an erf call.
            double inside = (upper > 9 ? 1.0 : Gaussian.cdf(upper)) - (lower < -9 ? 0.0 : Gaussian.cdf(lower));
            // Most kernels lie far from both ends: log(1) is 0, no call needed.
            double normalizer = (inside == 1.0 ? 0.0 : Math.log(Math.max(inside, 1e-300))) + LOG_SQRT_2PI;
            // Optuna 3.1 leaves the kernel's 1/sigma factor out (later versions put it back): a
            // component then weighs in proportion to its bandwidth, which favours the broad kernels
            // of isolated points. Measured on the benchmark problems, the independent TPE finds
            // better values that way and the joint model with the true densities.
            if (settings.normalized()) {
                // Most kernels of a large set are clipped to the narrowest bandwidth.
                normalizer += sigma[k] == minSigma ? logMinSigma : Math.log(sigma[k]);
            }
            kernelConstant[k] = -normalizer;
            logConstant[k] -= normalizer;
        }
        mus[j] = mu;
        sigmas[j] = sigma;
        invSigmas[j] = inv;
        int[] byCentre = order != null ? order : ascending(mu, n);
        double[] sortedMu = new double[components];
        double[] sortedInv = new double[components];
        double[] base = new double[components];
        double bound = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < components; i++) {
            int k = i < n ? byCentre[i] : n;
            sortedMu[i] = mu[k];
            sortedInv[i] = inv[k];
            base[i] = logWeights[k] + kernelConstant[k];
            bound = Math.max(bound, base[i]);
        }
        marginalMus[j] = sortedMu;
        marginalInvSigmas[j] = sortedInv;
        marginalBase[j] = base;
        marginalBound[j] = bound;
        // The prior's kernel spans the interval: at any point of it, its term is within 1/8 of its base.
        marginalSlack[j] = bound - base[n] + 0.125;
        double[] fromLeft = new double[n];
        double[] toRight = new double[n];
        for (int i = 0; i < n; i++) {
            fromLeft[i] = Math.max(i > 0 ? fromLeft[i - 1] : 0, sigma[byCentre[i]]);
        }
        for (int i = n - 1; i >= 0; i--) {
            toRight[i] = Math.max(i < n - 1 ? toRight[i + 1] : 0, sigma[byCentre[i]]);
        }
        widestFromLeft[j] = fromLeft;
        widestToRight[j] = toRight;
    }

    /** The indices of the first {@code n} of {@code values} in ascending order of value. */
    private static int[] ascending(double[] values, int n) {
        Integer[] boxed = new Integer[n];
        for (int k = 0; k < n; k++) {
            boxed[k] = k;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(values[a], values[b]));
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = boxed[k];
        }
        return order;
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
            sigma[k] = gapWidth(sorted, first + taken[first]++, endpoints);
        }
    }

    /**
     * The bandwidth of the centre at {@code position} of {@code sorted} (the interval's ends
     * first and last): the larger gap to its neighbours; without {@code endpoints}, the outermost
     * centres take the gap on their inner side only.
     */
    private static double gapWidth(double[] sorted, int position, boolean endpoints) {
        return gapWidth(sorted[position - 1], sorted[position], sorted[position + 1], position, sorted.length - 2,
                endpoints);
    }

    /**
     * The same bandwidths from the observations' order, known beforehand ({@code mu}'s last
     * entry, the prior's centre, is not in {@code order}): no sort, and one pass that looks at
     * each centre with its neighbours on either side.
     */
    private static void neighbourBandwidths(double[] mu, int[] order, double[] sigma, double low, double high,
                                            boolean endpoints) {
        int m = mu.length;
        int prior = m - 1;
        int next = 0;
        boolean priorPlaced = false;
        double before = low;
        int current = -1;
        for (int position = 1; position <= m + 1; position++) {
            // The centre at this position: equal centres keep index order, and the prior's index is the largest.
            int k;
            if (position == m + 1) {
                k = -1;
            } else if (!priorPlaced && (next == prior || Double.compare(mu[order[next]], mu[prior]) > 0)) {
                k = prior;
                priorPlaced = true;
            } else {
                k = order[next++];
            }
            if (current >= 0) {
                double after = k < 0 ? high : mu[k];
                sigma[current] = gapWidth(before, mu[current], after, position - 1, m, endpoints);
                before = mu[current];
            }
            current = k;
        }
    }

    /** {@link #gapWidth(double[], int, boolean)} from the centre's value and its neighbours'. */
    private static double gapWidth(double before, double value, double after, int position, int m, boolean endpoints) {
        double left = value - before;
        double right = after - value;
        if (!endpoints && m >= 2 && position == 1) {
            return right;
        }
        if (!endpoints && m >= 2 && position == m) {
            return left;
        }
        return Math.max(left, right);
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
                double dimMax = Double.NEGATIVE_INFINITY;
                if (dims.get(j).isCategorical()) {
                    double[][] logs = choiceLogProbs[j];
                    int c = (int) Math.round(x[j]);
                    for (int k = 0; k < components; k++) {
                        double t = logs[k][c];
                        terms[k] += t;
                        if (withMarginals) {
                            double term = logWeights[k] + t;
                            dimTerms[k] = term;
                            dimMax = Math.max(dimMax, term);
                        }
                    }
                } else {
                    double[] mu = mus[j];
                    double[] inv = invSigmas[j];
                    double xj = x[j];
                    // A simple loop over arrays, which the JIT compiles to vector instructions.
                    for (int k = 0; k < components; k++) {
                        double z = (xj - mu[k]) * inv[k];
                        terms[k] -= 0.5 * z * z;
                    }
                    if (withMarginals) {
                        marginalSum += marginalLogDensity(j, xj);
                    }
                }
                if (withMarginals && dims.get(j).isCategorical()) {
                    marginalSum += logSumExp(dimTerms, dimMax);
                }
            }
            joint[i] = logSumExp(terms);
            if (withMarginals) {
                marginals[i] = marginalSum;
            }
        }
        return new LogDensities(joint, marginals);
    }

    /**
     * The log density of {@code x} under dimension {@code j}'s marginal mixture. The terms are
     * scaled by their known upper bound rather than their maximum: the prior's term keeps the
     * sum well away from underflow. Terms more than 40 below the largest add less than 1e-17 of
     * it and are left out; in centre order the others lie in a window around {@code x}, found
     * from the widest bandwidths beyond each position, so the kernels outside it are not visited.
     */
    private double marginalLogDensity(int j, double x) {
        double[] mu = marginalMus[j];
        double[] inv = marginalInvSigmas[j];
        double[] base = marginalBase[j];
        double bound = marginalBound[j];
        double skipBelow = -40 - marginalSlack[j];
        // A kernel at more than reach bandwidths from x has a term below skipBelow.
        double reach = Math.sqrt(-2 * skipBelow);
        int n = components - 1;
        int at = lowerBound(mu, 0, n, x);
        int from = at;
        while (from > 0 && x - mu[from - 1] <= reach * widestFromLeft[j][from - 1]) {
            from--;
        }
        int to = at;
        while (to < n && mu[to] - x <= reach * widestToRight[j][to]) {
            to++;
        }
        double sum = 0;
        for (int k = from; k < to; k++) {
            double z = (x - mu[k]) * inv[k];
            double d = base[k] - 0.5 * z * z - bound;
            if (d > skipBelow) {
                sum += Math.exp(d);
            }
        }
        double z = (x - mu[n]) * inv[n];
        sum += Math.exp(base[n] - 0.5 * z * z - bound);
        return bound + Math.log(sum);
    }

    private static double logSumExp(double[] terms) {
        double max = Double.NEGATIVE_INFINITY;
        for (double t : terms) {
            max = Math.max(max, t);
        }
        return logSumExp(terms, max);
    }

    /** log(sum(exp(terms))) given the largest term. */
    private static double logSumExp(double[] terms, double max) {
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

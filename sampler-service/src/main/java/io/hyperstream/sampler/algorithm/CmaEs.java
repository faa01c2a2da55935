package io.hyperstream.sampler.algorithm;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The CMA evolution strategy with an ask-and-tell interface (Hansen, "The CMA Evolution Strategy:
 * A Tutorial", 2016), as the {@code cmaes} library's {@code CMA} class: weighted recombination
 * with negative weights, cumulative step-size adaptation, rank-one and rank-mu updates of the
 * full covariance matrix, box bounds handled by resampling then clipping, and the library's
 * termination criteria.
 */
final class CmaEs {

    private static final double EPS = 1e-8;
    private static final double SIGMA_MAX = 1e32;
    private static final double TOL_X_UP = 1e4;
    private static final double TOL_FUN = 1e-12;
    private static final double TOL_CONDITION_COV = 1e14;

    final int dim;
    final int populationSize;
    private final int mu;
    private final double[] weights;
    private final double muEff;
    private final double cc;
    private final double c1;
    private final double cmu;
    private final double cSigma;
    private final double dSigma;
    private final double chiN;

    /** The distribution's mean; read and adjusted in place by the integer margin. */
    final double[] mean;
    private double sigma;
    private final double[][] cov;
    private final double[] pSigma;
    private final double[] pc;
    /** Eigenvectors (columns) and square roots of eigenvalues of {@link #cov}; null when stale. */
    private double[][] b;
    private double[] d;

    private final double[] lower;
    private final double[] upper;
    private final boolean[] bounded;
    private final int maxResampling;

    private int generation;
    private final double tolX;
    private final int funHistTerm;
    private final double[] funHist;

    /**
     * @param mean           the initial mean, inside the bounds
     * @param sigma          the initial step size, > 0
     * @param lower          lower bound per coordinate
     * @param upper          upper bound per coordinate
     * @param bounded        which coordinates the bounds apply to (the others are left free)
     * @param populationSize lambda, >= 2; 0 for the default 4 + floor(3 ln n)
     * @param maxResampling  how many draws may fall outside the bounds before one is clipped
     */
    CmaEs(double[] mean, double sigma, double[] lower, double[] upper, boolean[] bounded,
          int populationSize, int maxResampling) {
        int n = mean.length;
        if (n < 1 || !(sigma > 0)) {
            throw new IllegalArgumentException("CMA-ES needs at least one dimension and sigma > 0, but got n="
                    + n + ", sigma=" + sigma);
        }
        int lambda = populationSize == 0 ? 4 + (int) Math.floor(3 * Math.log(n)) : populationSize;
        if (lambda < 2) {
            throw new IllegalArgumentException("population size must be >= 2, but got " + lambda);
        }
        this.dim = n;
        this.populationSize = lambda;
        this.mu = lambda / 2;

        double[] prime = new double[lambda];
        for (int i = 0; i < lambda; i++) {
            prime[i] = Math.log((lambda + 1) / 2.0) - Math.log(i + 1);
        }
        this.muEff = effectiveMass(prime, 0, mu);
        double muEffMinus = effectiveMass(prime, mu, lambda);

        double alphaCov = 2;
        this.c1 = alphaCov / ((n + 1.3) * (n + 1.3) + muEff);
        this.cmu = Math.min(1 - c1 - 1e-8,
                alphaCov * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + alphaCov * muEff / 2));
        // With cmu = 0 (population of 2 or 3) two bounds are infinite and the negative weights have no effect.
        double minAlpha = Math.min(1 + c1 / cmu,
                Math.min(1 + 2 * muEffMinus / (muEff + 2), (1 - c1 - cmu) / (n * cmu)));
        double positiveSum = 0;
        double negativeSum = 0;
        for (double w : prime) {
            if (w > 0) {
                positiveSum += w;
            } else {
                negativeSum -= w;
            }
        }
        this.weights = new double[lambda];
        for (int i = 0; i < lambda; i++) {
            weights[i] = prime[i] >= 0 ? prime[i] / positiveSum : minAlpha / negativeSum * prime[i];
        }
        this.cSigma = (muEff + 2) / (n + muEff + 5);
        this.dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
        this.cc = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
        this.chiN = Math.sqrt(n) * (1.0 - 1.0 / (4.0 * n) + 1.0 / (21.0 * n * n));

        this.mean = mean.clone();
        this.sigma = sigma;
        this.cov = new double[n][n];
        for (int i = 0; i < n; i++) {
            cov[i][i] = 1;
        }
        this.pSigma = new double[n];
        this.pc = new double[n];
        this.lower = lower.clone();
        this.upper = upper.clone();
        this.bounded = bounded.clone();
        this.maxResampling = maxResampling;
        this.tolX = 1e-12 * sigma;
        this.funHistTerm = 10 + (int) Math.ceil(30.0 * n / lambda);
        this.funHist = new double[2 * funHistTerm];
    }

    private static double effectiveMass(double[] w, int from, int to) {
        double sum = 0;
        double squares = 0;
        for (int i = from; i < to; i++) {
            sum += w[i];
            squares += w[i] * w[i];
        }
        return sum * sum / squares;
    }

    /** How many times the distribution has been updated. */
    int generation() {
        return generation;
    }

    double sigma() {
        return sigma;
    }

    /** The diagonal entry i of the covariance matrix (without sigma). */
    double covariance(int i) {
        return cov[i][i];
    }

    /** A new point from N(mean, sigma^2 C), redrawn while outside the bounds, clipped at the last try. */
    double[] ask(SplittableRandom random) {
        for (int attempt = 0; attempt < maxResampling; attempt++) {
            double[] x = sample(random);
            if (feasible(x)) {
                return x;
            }
        }
        double[] x = sample(random);
        for (int i = 0; i < dim; i++) {
            if (bounded[i]) {
                x[i] = Math.max(lower[i], Math.min(upper[i], x[i]));
            }
        }
        return x;
    }

    private double[] sample(SplittableRandom random) {
        decompose();
        double[] dz = new double[dim];
        for (int k = 0; k < dim; k++) {
            dz[k] = d[k] * random.nextGaussian();
        }
        double[] x = new double[dim];
        for (int i = 0; i < dim; i++) {
            double y = 0;
            for (int k = 0; k < dim; k++) {
                y += b[i][k] * dz[k];
            }
            x[i] = mean[i] + sigma * y;
        }
        return x;
    }

    private boolean feasible(double[] x) {
        for (int i = 0; i < dim; i++) {
            if (bounded[i] && (x[i] < lower[i] || x[i] > upper[i])) {
                return false;
            }
        }
        return true;
    }

    private void decompose() {
        if (b != null) {
            return;
        }
        for (int i = 0; i < dim; i++) {
            for (int j = i + 1; j < dim; j++) {
                double s = (cov[i][j] + cov[j][i]) / 2;
                cov[i][j] = s;
                cov[j][i] = s;
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(cov);
        double[] dd = new double[dim];
        for (int k = 0; k < dim; k++) {
            double v = eigen.values()[k];
            dd[k] = Math.sqrt(v < 0 ? EPS : v);
        }
        double[][] bb = eigen.vectors();
        // Rebuilt from its factors so that C and (B, D) agree exactly, as the cmaes library does.
        for (int i = 0; i < dim; i++) {
            for (int j = i; j < dim; j++) {
                double s = 0;
                for (int k = 0; k < dim; k++) {
                    s += bb[i][k] * dd[k] * dd[k] * bb[j][k];
                }
                cov[i][j] = s;
                cov[j][i] = s;
            }
        }
        b = bb;
        d = dd;
    }

    /**
     * Updates the distribution from one generation: {@code xs[k]} was evaluated to {@code fs[k]}
     * (lower is better; NaN counts as worst). Exactly {@link #populationSize} solutions.
     */
    void tell(double[][] xs, double[] fs) {
        if (xs.length != populationSize || fs.length != populationSize) {
            throw new IllegalArgumentException("tell needs " + populationSize + " solutions, but got " + xs.length);
        }
        generation++;
        Integer[] order = new Integer[populationSize];
        for (int k = 0; k < populationSize; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (p, q) -> Double.compare(rankable(fs[p]), rankable(fs[q])));
        int slot = 2 * (generation % funHistTerm);
        funHist[slot] = rankable(fs[order[0]]);
        funHist[slot + 1] = rankable(fs[order[populationSize - 1]]);

        decompose();
        double[][] bb = b;
        double[] dd = d;
        b = null;
        d = null;

        int n = dim;
        double[][] y = new double[populationSize][n];
        for (int k = 0; k < populationSize; k++) {
            double[] x = xs[order[k]];
            for (int i = 0; i < n; i++) {
                y[k][i] = (x[i] - mean[i]) / sigma;
            }
        }
        double[] yw = new double[n];
        for (int k = 0; k < mu; k++) {
            for (int i = 0; i < n; i++) {
                yw[i] += weights[k] * y[k][i];
            }
        }
        for (int i = 0; i < n; i++) {
            mean[i] += sigma * yw[i];
        }

        double[][] invSqrt = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += bb[i][k] / dd[k] * bb[j][k];
                }
                invSqrt[i][j] = s;
            }
        }
        double[] whitened = multiply(invSqrt, yw);
        double psFactor = Math.sqrt(cSigma * (2 - cSigma) * muEff);
        double normPs = 0;
        for (int i = 0; i < n; i++) {
            pSigma[i] = (1 - cSigma) * pSigma[i] + psFactor * whitened[i];
            normPs += pSigma[i] * pSigma[i];
        }
        normPs = Math.sqrt(normPs);
        sigma *= Math.exp(cSigma / dSigma * (normPs / chiN - 1));
        sigma = Math.min(sigma, SIGMA_MAX);

        double hLeft = normPs / Math.sqrt(1 - Math.pow(1 - cSigma, 2 * (generation + 1)));
        double hRight = (1.4 + 2.0 / (n + 1)) * chiN;
        double hSigma = hLeft < hRight ? 1 : 0;
        double pcFactor = hSigma * Math.sqrt(cc * (2 - cc) * muEff);
        for (int i = 0; i < n; i++) {
            pc[i] = (1 - cc) * pc[i] + pcFactor * yw[i];
        }

        double[] wio = new double[populationSize];
        double weightSum = 0;
        for (int k = 0; k < populationSize; k++) {
            weightSum += weights[k];
            if (weights[k] >= 0) {
                wio[k] = weights[k];
            } else {
                double[] z = multiply(invSqrt, y[k]);
                double norm2 = 0;
                for (double v : z) {
                    norm2 += v * v;
                }
                wio[k] = weights[k] * n / (norm2 + EPS);
            }
        }
        double deltaH = (1 - hSigma) * cc * (2 - cc);
        double keep = 1 + c1 * deltaH - c1 - cmu * weightSum;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double rankMu = 0;
                for (int k = 0; k < populationSize; k++) {
                    rankMu += wio[k] * y[k][i] * y[k][j];
                }
                double v = keep * cov[i][j] + c1 * pc[i] * pc[j] + cmu * rankMu;
                cov[i][j] = v;
                cov[j][i] = v;
            }
        }
    }

    private static double rankable(double f) {
        return Double.isNaN(f) ? Double.POSITIVE_INFINITY : f;
    }

    private static double[] multiply(double[][] m, double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                s += m[i][j] * v[j];
            }
            r[i] = s;
        }
        return r;
    }

    /**
     * Whether the search has converged or degenerated, by the cmaes library's criteria: flat
     * function values over recent generations (tolfun), a vanishing distribution (tolx), a
     * diverging one (tolxup), coordinates or principal axes too small to move the mean, or a
     * covariance condition number above 1e14.
     */
    boolean shouldStop() {
        decompose();
        int n = dim;
        if (generation > funHistTerm) {
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            for (double f : funHist) {
                max = Math.max(max, f);
                min = Math.min(min, f);
            }
            if (max - min < TOL_FUN) {
                return true;
            }
        }
        boolean tiny = true;
        for (int i = 0; i < n; i++) {
            // The library compares sigma * C_ii and the signed sigma * pc_i with tolx; kept as is.
            tiny &= sigma * cov[i][i] < tolX && sigma * pc[i] < tolX;
        }
        if (tiny) {
            return true;
        }
        double maxD = Double.NEGATIVE_INFINITY;
        double minD = Double.POSITIVE_INFINITY;
        for (double v : d) {
            maxD = Math.max(maxD, v);
            minD = Math.min(minD, v);
        }
        if (sigma * maxD > TOL_X_UP) {
            return true;
        }
        for (int i = 0; i < n; i++) {
            if (mean[i] == mean[i] + 0.2 * sigma * Math.sqrt(cov[i][i])) {
                return true;
            }
        }
        int axis = generation % n;
        boolean noEffectAxis = true;
        for (int j = 0; j < n; j++) {
            noEffectAxis &= mean[j] == mean[j] + 0.1 * sigma * d[axis] * b[j][axis];
        }
        if (noEffectAxis) {
            return true;
        }
        return maxD / minD > TOL_CONDITION_COV;
    }
}

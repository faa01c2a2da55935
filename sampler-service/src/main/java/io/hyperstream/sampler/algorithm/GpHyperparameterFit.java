package io.hyperstream.sampler.algorithm;

import java.util.List;

/**
 * Fits a {@link GaussianProcess}'s hyperparameters by maximizing the log marginal likelihood plus
 * a log prior (a maximum a posteriori estimate), with {@link Lbfgs} over the logarithms of the
 * length scales, the signal variance and the noise variance (less its floor).
 *
 * <p>Priors, on standardized observations in the unit cube: log-normal length scales with
 * location √2 + ½ ln(d) and scale √3 (BoTorch's dimension-scaled prior, Hvarfner et al. 2024); a
 * Gamma(2, 1) signal variance (mode 1); a log-normal noise variance with location -4 and scale 1
 * (BoTorch's default). Each prior's density is taken with respect to the parameter itself, as
 * BoTorch does.
 */
final class GpHyperparameterFit {

    /** The noise variance never goes below this (relative to standardized observations). */
    static final double MINIMUM_NOISE = 1e-6;

    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double LENGTH_SCALE_PRIOR_SCALE = Math.sqrt(3);
    private static final double NOISE_PRIOR_LOCATION = -4;
    private static final double NOISE_PRIOR_SCALE = 1;
    // Box of the log parameters. Inputs lie in the unit cube and outputs are standardized, so a
    // length scale past 100 is as flat as an infinite one and a noise variance past 1 explains
    // everything as noise.
    private static final double LOG_LENGTH_SCALE_MIN = Math.log(5e-3);
    private static final double LOG_LENGTH_SCALE_MAX = Math.log(100);
    private static final double LOG_SIGNAL_MIN = -5;
    private static final double LOG_SIGNAL_MAX = 5;
    private static final double LOG_NOISE_MIN = -25;
    private static final double LOG_NOISE_MAX = 0;

    /**
     * Fitted hyperparameters, the point in log coordinates they came from and the curvature pairs
     * L-BFGS ended with (a warm start for the next fit), the negated log posterior there, and the
     * number of evaluations all starts took together.
     */
    record Fit(GaussianProcess.Hyperparameters hyperparameters, double[] logParameters, double objective,
               int evaluations, List<double[][]> curvature) {
    }

    /** A starting point of a fit, with the curvature pairs of an earlier fit from there (or none). */
    record Start(double[] logParameters, List<double[][]> curvature) {

        static Start of(double[] logParameters) {
            return new Start(logParameters, List.of());
        }

        static Start from(Fit fit) {
            return new Start(fit.logParameters(), fit.curvature());
        }
    }

    private final double[][] byDim;
    private final double[] y;
    private final boolean[] categorical;
    private final boolean fixedNoise;
    private final int n;
    private final int dim;
    private final double lengthScalePriorLocation;

    /**
     * @param points      the observed points, one row each
     * @param y           the observed values, standardized
     * @param fixedNoise  whether the noise variance stays at {@link #MINIMUM_NOISE} (a deterministic objective)
     */
    GpHyperparameterFit(double[][] points, double[] y, boolean[] categorical, boolean fixedNoise) {
        this.dim = categorical.length;
        this.byDim = GaussianProcess.byDimension(points, dim);
        this.y = y.clone();
        this.categorical = categorical.clone();
        this.fixedNoise = fixedNoise;
        this.n = y.length;
        this.lengthScalePriorLocation = Math.sqrt(2) + 0.5 * Math.log(dim);
    }

    /** How many log parameters a fit over {@code dim} dimensions has. */
    static int parameterCount(int dim, boolean fixedNoise) {
        return dim + (fixedNoise ? 1 : 2);
    }

    /** The usual starting point: length scales at the prior's mode, unit signal variance, small noise. */
    static double[] defaultStart(int dim, boolean fixedNoise) {
        double[] u = new double[parameterCount(dim, fixedNoise)];
        double mode = Math.sqrt(2) + 0.5 * Math.log(dim) - LENGTH_SCALE_PRIOR_SCALE * LENGTH_SCALE_PRIOR_SCALE;
        for (int d = 0; d < dim; d++) {
            u[d] = mode;
        }
        u[dim] = 0;
        if (!fixedNoise) {
            u[dim + 1] = Math.log(1e-2);
        }
        return u;
    }

    /**
     * The best of the L-BFGS runs from each start (each stopped after {@code maxEvaluations}, or
     * once an iteration gains less than 1e-3 in log posterior: hyperparameters that close are
     * equally plausible).
     */
    Fit fit(List<Start> starts, int maxEvaluations) {
        Lbfgs lbfgs = new Lbfgs(maxEvaluations, 1e-3, 1e-3);
        int count = parameterCount(dim, fixedNoise);
        double[] lower = new double[count];
        double[] upper = new double[count];
        for (int d = 0; d < dim; d++) {
            lower[d] = LOG_LENGTH_SCALE_MIN;
            upper[d] = LOG_LENGTH_SCALE_MAX;
        }
        lower[dim] = LOG_SIGNAL_MIN;
        upper[dim] = LOG_SIGNAL_MAX;
        if (!fixedNoise) {
            lower[dim + 1] = LOG_NOISE_MIN;
            upper[dim + 1] = LOG_NOISE_MAX;
        }
        Fit best = null;
        int evaluations = 0;
        for (Start start : starts) {
            Lbfgs.Result r = lbfgs.minimize(this::negativeLogPosterior, start.logParameters(), lower, upper,
                    start.curvature());
            evaluations += r.evaluations();
            if (Double.isFinite(r.value()) && (best == null || r.value() < best.objective())) {
                best = new Fit(hyperparameters(r.x()), r.x(), r.value(), 0, r.curvature());
            }
        }
        if (best == null) {
            double[] u = defaultStart(dim, fixedNoise);
            return new Fit(hyperparameters(u), u, Double.NaN, evaluations, List.of());
        }
        return new Fit(best.hyperparameters(), best.logParameters(), best.objective(), evaluations, best.curvature());
    }

    GaussianProcess.Hyperparameters hyperparameters(double[] u) {
        double[] lengthScales = new double[dim];
        for (int d = 0; d < dim; d++) {
            lengthScales[d] = Math.exp(u[d]);
        }
        double noise = fixedNoise ? MINIMUM_NOISE : MINIMUM_NOISE + Math.exp(u[dim + 1]);
        return new GaussianProcess.Hyperparameters(lengthScales, Math.exp(u[dim]), noise);
    }

    /** The log marginal likelihood of the observations under hyperparameters {@code u}. */
    double logMarginalLikelihood(double[] u) {
        return -negativeLogPosterior(u, new double[u.length]) - logPrior(u, new double[u.length]);
    }

    /**
     * -(log marginal likelihood + log prior) at u, with its gradient; +∞ where the kernel matrix is
     * not numerically positive definite.
     */
    double negativeLogPosterior(double[] u, double[] gradient) {
        GaussianProcess.Hyperparameters h = hyperparameters(u);
        double[] theta = GaussianProcess.inverseSquares(h.lengthScales());
        double signal = h.signalVariance();
        double[] factor = new double[n * n];
        double[] k = GaussianProcess.kernelMatrix(byDim, categorical, theta, signal, factor);
        double[] a = k.clone();
        for (int i = 0; i < n; i++) {
            a[i * n + i] += h.noiseVariance();
        }
        Cholesky c = Cholesky.factor(a, n);
        if (c == null) {
            return Double.POSITIVE_INFINITY;
        }
        double[] alpha = c.solve(y);
        double fit = 0;
        for (int i = 0; i < n; i++) {
            fit += y[i] * alpha[i];
        }
        double logLikelihood = -0.5 * fit - 0.5 * c.logDeterminant() - 0.5 * n * LOG_2PI;

        // d log L / dθ = ½ Σ_ab W_ab dK_ab/dθ with W = ααᵀ - K⁻¹, symmetric: only its upper triangle
        // is computed (over the inverse's) and used.
        double[] w = c.inverse(false);
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double ai = alpha[i];
            for (int j = i; j < n; j++) {
                w[row + j] = ai * alpha[j] - w[row + j];
            }
        }
        double[] weighted = new double[n];
        double[][] lengthSums = new double[dim][n];
        double signalSum = 0;
        double trace = 0;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            trace += w[row + i];
            signalSum += 0.5 * w[row + i] * k[row + i];
            for (int j = i + 1; j < n; j++) {
                weighted[j] = w[row + j] * factor[row + j];
            }
            signalSum += Cholesky.dot(w, row + i + 1, k, row + i + 1, n - i - 1);
            // Summed per column and added up at the end, so that the inner loops vectorize.
            for (int d = 0; d < dim; d++) {
                double[] xd = byDim[d];
                double[] sums = lengthSums[d];
                double xi = xd[i];
                if (categorical[d]) {
                    for (int j = i + 1; j < n; j++) {
                        if (xd[j] != xi) {
                            sums[j] += weighted[j];
                        }
                    }
                } else {
                    for (int j = i + 1; j < n; j++) {
                        double diff = xi - xd[j];
                        sums[j] += weighted[j] * diff * diff;
                    }
                }
            }
        }
        for (int d = 0; d < dim; d++) {
            double s = 0;
            for (double v : lengthSums[d]) {
                s += v;
            }
            // Pairs were counted once; dK/d log ℓ_d = factor θ_d Δ², and the ½ cancels the symmetry.
            gradient[d] = s * theta[d];
        }
        gradient[dim] = signalSum;
        if (!fixedNoise) {
            gradient[dim + 1] = 0.5 * Math.exp(u[dim + 1]) * trace;
        }
        double[] priorGradient = new double[u.length];
        double logPrior = logPrior(u, priorGradient);
        for (int p = 0; p < u.length; p++) {
            gradient[p] = -(gradient[p] + priorGradient[p]);
        }
        return -(logLikelihood + logPrior);
    }

    /** The log prior density at u (up to a constant), with its gradient. */
    double logPrior(double[] u, double[] gradient) {
        double s2 = LENGTH_SCALE_PRIOR_SCALE * LENGTH_SCALE_PRIOR_SCALE;
        double lp = 0;
        for (int d = 0; d < dim; d++) {
            double z = u[d] - lengthScalePriorLocation;
            lp += -u[d] - z * z / (2 * s2);
            gradient[d] = -1 - z / s2;
        }
        // Gamma(2, 1) on the signal variance v: log p = log v - v.
        double v = Math.exp(u[dim]);
        lp += u[dim] - v;
        gradient[dim] = 1 - v;
        if (!fixedNoise) {
            double e = Math.exp(u[dim + 1]);
            double noise = MINIMUM_NOISE + e;
            double logNoise = Math.log(noise);
            double z = (logNoise - NOISE_PRIOR_LOCATION) / NOISE_PRIOR_SCALE;
            lp += -logNoise - 0.5 * z * z;
            gradient[dim + 1] = e / noise * (-1 - z / NOISE_PRIOR_SCALE);
        }
        return lp;
    }
}

package io.hyperstream.sampler.algorithm;

/**
 * A Gaussian-process regression model with a Matérn 5/2 kernel with one length scale per input
 * dimension (ARD), a signal variance and a noise variance, conditioned on a set of observations.
 *
 * <p>Inputs are points of the unit cube, except categorical dimensions, which hold a choice index
 * and contribute to the distance only through whether two choices differ (a Hamming distance, the
 * same as one-hot coordinates up to a factor on the length scale). Predictions are of the latent
 * function, without observation noise.
 */
final class GaussianProcess {

    private static final double SQRT5 = Math.sqrt(5);

    /**
     * The kernel's hyperparameters.
     *
     * @param lengthScales   one per input dimension
     * @param signalVariance the prior variance of the function, k(x, x)
     * @param noiseVariance  the variance of the observation noise
     */
    record Hyperparameters(double[] lengthScales, double signalVariance, double noiseVariance) {

        Hyperparameters {
            lengthScales = lengthScales.clone();
            for (double l : lengthScales) {
                if (!(l > 0) || Double.isInfinite(l)) {
                    throw new IllegalArgumentException("length scales must be positive, but got " + l);
                }
            }
            if (!(signalVariance > 0) || !(noiseVariance >= 0)) {
                throw new IllegalArgumentException("variances must be positive, but got signal="
                        + signalVariance + ", noise=" + noiseVariance);
            }
        }

        @Override
        public double[] lengthScales() {
            return lengthScales.clone();
        }
    }

    private final int n;
    private final int dim;
    private final double[][] x;
    private final boolean[] categorical;
    private final double[] inverseSquaredLengthScales;
    private final double signalVariance;
    private final double[] noise;
    private final Cholesky cholesky;
    private final double[] alpha;

    private GaussianProcess(double[][] x, boolean[] categorical, Hyperparameters h, double[] noise, Cholesky cholesky,
                            double[] alpha) {
        this.n = x.length == 0 ? 0 : x[0].length;
        this.dim = x.length;
        this.x = x;
        this.categorical = categorical;
        this.noise = noise;
        this.inverseSquaredLengthScales = inverseSquares(h.lengthScales());
        this.signalVariance = h.signalVariance();
        this.cholesky = cholesky;
        this.alpha = alpha;
    }

    /**
     * The model conditioned on observations {@code y} at the points {@code points} (one row per
     * observation), all with the hyperparameters' noise variance.
     */
    static GaussianProcess condition(double[][] points, double[] y, boolean[] categorical, Hyperparameters h) {
        return condition(points, y, categorical, h, y.length);
    }

    /**
     * The model conditioned on observations {@code y} at {@code points}, of which the first
     * {@code noisy} carry the hyperparameters' noise variance and the rest are taken as exact (a
     * variance of {@link GpHyperparameterFit#MINIMUM_NOISE} at most). If the kernel matrix is not
     * numerically positive definite, the noise is raised until it is.
     */
    static GaussianProcess condition(double[][] points, double[] y, boolean[] categorical, Hyperparameters h, int noisy) {
        double[][] byDim = byDimension(points, categorical.length);
        int n = y.length;
        double[] k = kernelMatrix(byDim, categorical, inverseSquares(h.lengthScales()), h.signalVariance(), null);
        double floor = Math.min(h.noiseVariance(), GpHyperparameterFit.MINIMUM_NOISE);
        double jitter = 0;
        for (int attempt = 0; ; attempt++) {
            double[] noise = new double[n];
            for (int i = 0; i < n; i++) {
                noise[i] = (i < noisy ? h.noiseVariance() : floor) + jitter;
            }
            double[] a = k.clone();
            for (int i = 0; i < n; i++) {
                a[i * n + i] += noise[i];
            }
            Cholesky c = Cholesky.factor(a, n);
            if (c != null) {
                return new GaussianProcess(byDim, categorical, h, noise, c, c.solve(y));
            }
            if (attempt == 20) {
                throw new IllegalStateException("the kernel matrix is not positive definite even with jitter " + jitter);
            }
            jitter = Math.max(jitter * 10, 1e-10 * h.signalVariance());
        }
    }

    /**
     * Posterior mean and variance at m points given dimension by dimension ({@code points[d][c]}
     * is coordinate d of point c), written into {@code mean} and {@code variance}.
     */
    void predict(double[][] points, int m, double[] mean, double[] variance) {
        double[] kc = new double[n * m];
        double[] r2 = new double[m];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(r2, 0);
            for (int d = 0; d < dim; d++) {
                double t = inverseSquaredLengthScales[d];
                double xi = x[d][i];
                double[] pd = points[d];
                if (categorical[d]) {
                    for (int c = 0; c < m; c++) {
                        if (pd[c] != xi) {
                            r2[c] += t;
                        }
                    }
                } else {
                    for (int c = 0; c < m; c++) {
                        double diff = xi - pd[c];
                        r2[c] += t * diff * diff;
                    }
                }
            }
            int row = i * m;
            for (int c = 0; c < m; c++) {
                kc[row + c] = kernel(r2[c], signalVariance);
            }
        }
        java.util.Arrays.fill(mean, 0, m, 0);
        for (int i = 0; i < n; i++) {
            double a = alpha[i];
            int row = i * m;
            for (int c = 0; c < m; c++) {
                mean[c] += a * kc[row + c];
            }
        }
        cholesky.forwardInPlace(kc, m);
        java.util.Arrays.fill(variance, 0, m, signalVariance);
        for (int i = 0; i < n; i++) {
            int row = i * m;
            for (int c = 0; c < m; c++) {
                double v = kc[row + c];
                variance[c] -= v * v;
            }
        }
        for (int c = 0; c < m; c++) {
            variance[c] = Math.max(variance[c], 0);
        }
    }

    /**
     * Posterior mean at m points given dimension by dimension, and an upper bound on their
     * posterior variance: the variance given only the observation most correlated with each point
     * (conditioning on more observations never raises it). Costs O(n m) where the exact variance
     * costs O(n² m).
     */
    void predictMeanAndVarianceBound(double[][] points, int m, double[] mean, double[] varianceBound) {
        double[] r2 = new double[m];
        double[] maxShare = new double[m];
        java.util.Arrays.fill(mean, 0, m, 0);
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(r2, 0);
            for (int d = 0; d < dim; d++) {
                double t = inverseSquaredLengthScales[d];
                double xi = x[d][i];
                double[] pd = points[d];
                if (categorical[d]) {
                    for (int c = 0; c < m; c++) {
                        if (pd[c] != xi) {
                            r2[c] += t;
                        }
                    }
                } else {
                    for (int c = 0; c < m; c++) {
                        double diff = xi - pd[c];
                        r2[c] += t * diff * diff;
                    }
                }
            }
            double a = alpha[i];
            double inverseTotal = 1 / (signalVariance + noise[i]);
            for (int c = 0; c < m; c++) {
                double k = kernel(r2[c], signalVariance);
                mean[c] += a * k;
                maxShare[c] = Math.max(maxShare[c], k * k * inverseTotal);
            }
        }
        for (int c = 0; c < m; c++) {
            varianceBound[c] = Math.max(signalVariance - maxShare[c], 0);
        }
    }

    /**
     * Posterior mean and variance at one point and their gradients along its numeric coordinates
     * (zero along categorical ones): {@code out[0]} = mean, {@code out[1]} = variance,
     * {@code meanGradient} and {@code varianceGradient} receive the gradients.
     */
    void predictWithGradient(double[] point, double[] out, double[] meanGradient, double[] varianceGradient) {
        double[] k = new double[n];
        double[] dkdr2 = new double[n];
        for (int i = 0; i < n; i++) {
            double r2 = 0;
            for (int d = 0; d < dim; d++) {
                r2 += inverseSquaredLengthScales[d] * squaredDistance(d, x[d][i], point[d]);
            }
            double s = Math.sqrt(5 * r2);
            double e = Math.exp(-s);
            k[i] = signalVariance * (1 + s + s * s / 3) * e;
            dkdr2[i] = -5.0 / 6.0 * signalVariance * (1 + s) * e;
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += alpha[i] * k[i];
        }
        double[] w = k.clone();
        cholesky.forwardInPlace(w);
        double explained = 0;
        for (double v : w) {
            explained += v * v;
        }
        cholesky.backwardInPlace(w);
        out[0] = mean;
        out[1] = Math.max(signalVariance - explained, 0);
        for (int d = 0; d < dim; d++) {
            if (categorical[d]) {
                meanGradient[d] = 0;
                varianceGradient[d] = 0;
                continue;
            }
            double gm = 0;
            double gv = 0;
            double t = 2 * inverseSquaredLengthScales[d];
            for (int i = 0; i < n; i++) {
                double dk = dkdr2[i] * t * (point[d] - x[d][i]);
                gm += alpha[i] * dk;
                gv += w[i] * dk;
            }
            meanGradient[d] = gm;
            varianceGradient[d] = -2 * gv;
        }
    }

    /** The Matérn 5/2 kernel at squared scaled distance r². */
    static double kernel(double r2, double signalVariance) {
        double s = SQRT5 * Math.sqrt(r2);
        return signalVariance * (1 + s + s * s / 3) * Math.exp(-s);
    }

    private double squaredDistance(int d, double a, double b) {
        if (categorical[d]) {
            return a == b ? 0 : 1;
        }
        double diff = a - b;
        return diff * diff;
    }

    /**
     * The n×n noiseless kernel matrix (row-major) of points given by dimension. When
     * {@code derivativeFactor} is given, it receives -2 dk/d(r²) for every pair, the factor shared
     * by the derivatives with respect to the log length scales.
     */
    static double[] kernelMatrix(double[][] byDim, boolean[] categorical, double[] inverseSquaredLengthScales,
                                 double signalVariance, double[] derivativeFactor) {
        int dim = byDim.length;
        int n = dim == 0 ? 0 : byDim[0].length;
        double[] k = new double[n * n];
        double[] r2 = new double[n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(r2, i, n, 0);
            for (int d = 0; d < dim; d++) {
                double t = inverseSquaredLengthScales[d];
                double[] xd = byDim[d];
                double xi = xd[i];
                if (categorical[d]) {
                    for (int j = i + 1; j < n; j++) {
                        if (xd[j] != xi) {
                            r2[j] += t;
                        }
                    }
                } else {
                    for (int j = i + 1; j < n; j++) {
                        double diff = xi - xd[j];
                        r2[j] += t * diff * diff;
                    }
                }
            }
            int row = i * n;
            k[row + i] = signalVariance;
            if (derivativeFactor != null) {
                derivativeFactor[row + i] = 5.0 / 3.0 * signalVariance;
            }
            for (int j = i + 1; j < n; j++) {
                double s = SQRT5 * Math.sqrt(r2[j]);
                double e = Math.exp(-s);
                double kij = signalVariance * (1 + s + s * s / 3) * e;
                k[row + j] = kij;
                k[j * n + i] = kij;
                if (derivativeFactor != null) {
                    double f = 5.0 / 3.0 * signalVariance * (1 + s) * e;
                    derivativeFactor[row + j] = f;
                    derivativeFactor[j * n + i] = f;
                }
            }
        }
        return k;
    }

    /** Points as rows turned into coordinates by dimension ({@code result[d][i]}). */
    static double[][] byDimension(double[][] points, int dim) {
        double[][] byDim = new double[dim][points.length];
        for (int i = 0; i < points.length; i++) {
            for (int d = 0; d < dim; d++) {
                byDim[d][i] = points[i][d];
            }
        }
        return byDim;
    }

    static double[] inverseSquares(double[] lengthScales) {
        double[] t = new double[lengthScales.length];
        for (int d = 0; d < t.length; d++) {
            t[d] = 1 / (lengthScales[d] * lengthScales[d]);
        }
        return t;
    }
}

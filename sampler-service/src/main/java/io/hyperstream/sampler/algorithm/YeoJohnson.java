package io.hyperstream.sampler.algorithm;

/**
 * The Yeo-Johnson power transform (Yeo and Johnson, Biometrika 2000) with its exponent λ chosen
 * by maximum likelihood, as scikit-learn's {@code PowerTransformer} and HEBO apply it to objective
 * values before fitting a Gaussian process: a monotone map that pulls in a long tail of poor
 * values so that they stop dominating the standardized scale, and is the identity at λ = 1.
 */
final class YeoJohnson {

    /** λ is searched in this interval; λ = 1 (no change) lies inside. */
    static final double LAMBDA_MIN = -2;
    static final double LAMBDA_MAX = 4;

    private YeoJohnson() {
    }

    /** The transform of x with exponent lambda. */
    static double transform(double x, double lambda) {
        if (x >= 0) {
            return Math.abs(lambda) < 1e-10 ? Math.log1p(x) : (Math.pow(x + 1, lambda) - 1) / lambda;
        }
        double q = 2 - lambda;
        return Math.abs(q) < 1e-10 ? -Math.log1p(-x) : -(Math.pow(1 - x, q) - 1) / q;
    }

    /**
     * The exponent that makes the transformed values most like a normal sample (profile
     * log-likelihood, maximized by golden-section search in [{@link #LAMBDA_MIN}, {@link #LAMBDA_MAX}]).
     */
    static double fitLambda(double[] values) {
        double ratio = (Math.sqrt(5) - 1) / 2;
        double lo = LAMBDA_MIN;
        double hi = LAMBDA_MAX;
        double a = hi - ratio * (hi - lo);
        double b = lo + ratio * (hi - lo);
        double fa = logLikelihood(values, a);
        double fb = logLikelihood(values, b);
        while (hi - lo > 1e-4) {
            if (fa > fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - ratio * (hi - lo);
                fa = logLikelihood(values, a);
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + ratio * (hi - lo);
                fb = logLikelihood(values, b);
            }
        }
        return (lo + hi) / 2;
    }

    /** Transforms the values in place with the fitted exponent, and returns that exponent. */
    static double fitAndTransform(double[] values) {
        double lambda = fitLambda(values);
        for (int i = 0; i < values.length; i++) {
            values[i] = transform(values[i], lambda);
        }
        return lambda;
    }

    /**
     * The log-likelihood of the values under a normal model of their transforms, with the
     * variance at its maximum likelihood estimate, up to a constant.
     */
    static double logLikelihood(double[] values, double lambda) {
        int n = values.length;
        double[] t = new double[n];
        double mean = 0;
        double jacobian = 0;
        for (int i = 0; i < n; i++) {
            t[i] = transform(values[i], lambda);
            mean += t[i];
            jacobian += Math.signum(values[i]) * Math.log1p(Math.abs(values[i]));
        }
        mean /= n;
        double variance = 0;
        for (double v : t) {
            variance += (v - mean) * (v - mean);
        }
        variance /= n;
        return -0.5 * n * Math.log(Math.max(variance, Double.MIN_NORMAL)) + (lambda - 1) * jacobian;
    }
}

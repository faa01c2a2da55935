package io.hyperstream.sampler.algorithm;

/**
 * The logarithm of the expected improvement over a threshold of a Gaussian posterior (for
 * maximization), computed so that it stays accurate and finite far below the threshold, where EI
 * itself underflows to zero (Ament et al., "Unexpected Improvements to Expected Improvement for
 * Bayesian Optimization", NeurIPS 2023).
 *
 * <p>EI(μ, σ) = σ h(z) with z = (μ - best) / σ and h(z) = φ(z) + z Φ(z). log h is evaluated
 * directly for z > -1, through the Mills ratio Φ(-|z|)/φ(z) for -10 ≤ z ≤ -1, and through its
 * asymptotic series below -10.
 */
final class LogExpectedImprovement {

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    // W. J. Cody's rational Chebyshev approximations of the normal distribution (Math. Comp. 1969,
    // as in R's pnorm), accurate to about 1e-16 relative.
    private static final double[] A = {2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582,
        18154.981253343561249, 0.065682337918207449113};
    private static final double[] B = {47.20258190468824187, 976.09855173777669322, 10260.932208618978205,
        45507.789335026729956};
    private static final double[] C = {0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979,
        597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124,
        9842.7148383839780218, 1.0765576773720192317e-8};
    private static final double[] D = {22.266688044328115691, 235.38790178262499861, 1519.377599407554805,
        6485.558298266760755, 18615.571640885098091, 34900.952721145977266, 38912.003286093271411,
        19685.429676859990727};
    private static final double[] P = {0.21589853405795699, 0.1274011611602473639, 0.022235277870649807,
        0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303};
    private static final double[] Q = {1.28426009614491121, 0.468238212480865118, 0.0659881378689285515,
        0.00378239633202758244, 7.29751555083966205e-5};

    private LogExpectedImprovement() {
    }

    /** log EI of a posterior N(mean, sd²) over {@code best}; sd must be positive. */
    static double value(double mean, double sd, double best) {
        return Math.log(sd) + logH((mean - best) / sd);
    }

    /**
     * log EI and its partial derivatives: {@code out[0]} = log EI, {@code out[1]} = ∂/∂mean,
     * {@code out[2]} = ∂/∂sd.
     */
    static void valueAndGradient(double mean, double sd, double best, double[] out) {
        double z = (mean - best) / sd;
        double[] ratios = new double[2];
        double logH = logHWithRatios(z, ratios);
        out[0] = Math.log(sd) + logH;
        // d log h/dz = Φ/h, and ∂ log EI/∂σ = (1 - z Φ/h)/σ = (φ/h)/σ.
        out[1] = ratios[0] / sd;
        out[2] = ratios[1] / sd;
    }

    /** log h(z) = log(φ(z) + z Φ(z)). */
    static double logH(double z) {
        return logHWithRatios(z, null);
    }

    /** log h(z); when {@code ratios} is given, also Φ(z)/h(z) and φ(z)/h(z) into it. */
    private static double logHWithRatios(double z, double[] ratios) {
        double logPhi = -0.5 * z * z - LOG_SQRT_2PI;
        if (z > -1) {
            double pdf = Math.exp(logPhi);
            double cdf = z >= 0 ? 1 - millsRatio(z) * pdf : millsRatio(-z) * pdf;
            double h = pdf + z * cdf;
            if (ratios != null) {
                ratios[0] = cdf / h;
                ratios[1] = pdf / h;
            }
            return Math.log(h);
        }
        double y = -z;
        double millsRatio = millsRatio(y);
        double hOverPdf;
        if (z >= -10) {
            // h/φ = 1 - |z| R(|z|): a cancellation that loses about log10(z²) digits, at most 2 here.
            hOverPdf = 1 - y * millsRatio;
        } else {
            hOverPdf = asymptoticSeries(y) / (y * y);
        }
        if (ratios != null) {
            ratios[0] = millsRatio / hOverPdf;
            ratios[1] = 1 / hOverPdf;
        }
        return logPhi + Math.log(hOverPdf);
    }

    /** Σ_k (-1)^k (2k+1)!! / y^(2k), truncated at its smallest term (h(-y) = φ(y)/y² times this). */
    private static double asymptoticSeries(double y) {
        double inverseSquare = 1 / (y * y);
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 200; k++) {
            double ratio = (2 * k + 1) * inverseSquare;
            if (ratio >= 1) {
                break;
            }
            term *= -ratio;
            sum += term;
            if (Math.abs(term) < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }

    /** The Mills ratio Φ(-y)/φ(y) for y >= 0. */
    static double millsRatio(double y) {
        if (y <= 0.67448975) {
            double ysq = y * y;
            double num = A[4] * ysq;
            double den = ysq;
            for (int i = 0; i < 3; i++) {
                num = (num + A[i]) * ysq;
                den = (den + B[i]) * ysq;
            }
            double tail = 0.5 - y * (num + A[3]) / (den + B[3]);
            return tail * SQRT_2PI * Math.exp(0.5 * ysq);
        }
        if (y <= Math.sqrt(32)) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            return (num + C[7]) / (den + D[7]) * SQRT_2PI;
        }
        double inverseSquare = 1 / (y * y);
        double num = P[5] * inverseSquare;
        double den = inverseSquare;
        for (int i = 0; i < 4; i++) {
            num = (num + P[i]) * inverseSquare;
            den = (den + Q[i]) * inverseSquare;
        }
        double correction = inverseSquare * (num + P[4]) / (den + Q[4]);
        return (1 / SQRT_2PI - correction) / y * SQRT_2PI;
    }
}

package io.hyperstream.results.importance;

/** The standard normal distribution's probability mass between two points, accurate in both tails. */
final class Gaussian {

    private static final double SQRT2 = Math.sqrt(2);
    private static final double SQRT_PI = Math.sqrt(Math.PI);

    private Gaussian() {
    }

    /** P(a < Z < b) for a standard normal Z, a <= b. */
    static double mass(double a, double b) {
        if (a >= 0) {
            return lowerTail(-a) - lowerTail(-b);
        }
        if (b <= 0) {
            return lowerTail(b) - lowerTail(a);
        }
        return 1 - lowerTail(a) - lowerTail(-b);
    }

    /** P(Z < z) for z <= 0, computed without cancellation. */
    static double lowerTail(double z) {
        return 0.5 * erfc(-z / SQRT2);
    }

    /** The complementary error function for x >= 0. */
    static double erfc(double x) {
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 2.5) {
            // Maclaurin series of erf; at most a few digits lost to cancellation below 2.5.
            double term = x;
            double sum = x;
            double x2 = x * x;
            for (int n = 1; n < 200; n++) {
                term *= -x2 / n;
                double next = term / (2 * n + 1);
                sum += next;
                if (Math.abs(next) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            return 1 - 2 / SQRT_PI * sum;
        }
        if (x > 27) {
            return 0;
        }
        // Continued fraction erfc(x) = exp(-x^2) / sqrt(pi) / (x + (1/2) / (x + 1 / (x + (3/2) / (x + ...)))),
        // evaluated with the modified Lentz method.
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 500; k++) {
            double a = k / 2.0;
            d = x + a * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = x + a / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) / SQRT_PI / f;
    }
}

package io.hyperstream.model.function;

import java.util.List;
import java.util.Map;

/**
 * The Hartmann family: {@code -sum_i alpha_i exp(-sum_j A_ij (x_j - P_ij)^2)}, with the standard
 * 3-D and 6-D constants or those a benchmark file gives.
 */
record Hartmann(double[] alpha, double[][] a, double[][] p) {

    static final Hartmann THREE = new Hartmann(
            new double[] {1.0, 1.2, 3.0, 3.2},
            new double[][] {{3.0, 10, 30}, {0.1, 10, 35}, {3.0, 10, 30}, {0.1, 10, 35}},
            new double[][] {
                    {0.3689, 0.1170, 0.2673},
                    {0.4699, 0.4387, 0.7470},
                    {0.1091, 0.8732, 0.5547},
                    {0.0381, 0.5743, 0.8828}});

    static final Hartmann SIX = new Hartmann(
            new double[] {1.0, 1.2, 3.0, 3.2},
            new double[][] {
                    {10, 3, 17, 3.5, 1.7, 8},
                    {0.05, 10, 17, 0.1, 8, 14},
                    {3, 3.5, 1.7, 10, 17, 8},
                    {17, 8, 0.05, 10, 0.1, 14}},
            new double[][] {
                    {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
                    {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
                    {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
                    {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}});

    Hartmann {
        if (a.length != alpha.length || p.length != alpha.length) {
            throw new IllegalArgumentException("hartmann constants: alpha, A and P must have as many rows, but got "
                    + alpha.length + ", " + a.length + " and " + p.length);
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != a[0].length || p[i].length != a[0].length) {
                throw new IllegalArgumentException("hartmann constants: every row of A and P must have "
                        + a[0].length + " columns, but row " + i + " does not");
            }
        }
    }

    /** The standard constants with those {@code constants} gives ({@code alpha}, {@code A}, {@code P}) replacing them. */
    static Hartmann of(Map<String, ?> constants, Hartmann standard) {
        if (constants.isEmpty()) {
            return standard;
        }
        double[] alpha = constants.containsKey("alpha") ? vector("alpha", constants.get("alpha")) : standard.alpha;
        double[][] a = constants.containsKey("A") ? matrix("A", constants.get("A")) : standard.a;
        double[][] p = constants.containsKey("P") ? matrix("P", constants.get("P")) : standard.p;
        return new Hartmann(alpha, a, p);
    }

    double value(double[] x) {
        if (x.length != a[0].length) {
            throw new IllegalArgumentException("hartmann with these constants takes " + a[0].length
                    + " parameters, but got " + x.length);
        }
        double sum = 0;
        for (int i = 0; i < alpha.length; i++) {
            double exponent = 0;
            for (int j = 0; j < x.length; j++) {
                double d = x[j] - p[i][j];
                exponent += a[i][j] * d * d;
            }
            sum += alpha[i] * Math.exp(-exponent);
        }
        return -sum;
    }

    private static double[] vector(String name, Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("hartmann constant '" + name + "' must be a non-empty list of numbers, but got " + value);
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n)) {
                throw new IllegalArgumentException("hartmann constant '" + name + "'[" + i + "] must be a number, but got " + list.get(i));
            }
            out[i] = n.doubleValue();
        }
        return out;
    }

    private static double[][] matrix(String name, Object value) {
        if (!(value instanceof List<?> rows) || rows.isEmpty()) {
            throw new IllegalArgumentException("hartmann constant '" + name + "' must be a non-empty list of rows, but got " + value);
        }
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(name + "[" + i + "]", rows.get(i));
        }
        return out;
    }
}

package io.hyperstream.trainer.objective;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark functions of {@code bench/problems.json}, all to be minimized. Their inputs are
 * the trial parameters named {@code x0}, {@code x1}, ... {@code x<d-1>}; other parameters are
 * ignored.
 */
public enum SyntheticFunction {

    /** Branin-Hoo on (x0, x1); minimum 0.397887 at (-pi, 12.275), (pi, 2.275), (9.42478, 2.475). */
    BRANIN("branin", 2, 2) {
        @Override
        double compute(double[] x) {
            double b = 5.1 / (4 * Math.PI * Math.PI);
            double c = 5 / Math.PI;
            double t = 1 / (8 * Math.PI);
            double inner = x[1] - b * x[0] * x[0] + c * x[0] - 6;
            return inner * inner + 10 * (1 - t) * Math.cos(x[0]) + 10;
        }
    },

    /** Hartmann 6-D on the unit cube; minimum -3.32237. */
    HARTMANN6("hartmann6", 6, 6) {
        private final double[] alpha = {1.0, 1.2, 3.0, 3.2};
        private final double[][] a = {
                {10, 3, 17, 3.5, 1.7, 8},
                {0.05, 10, 17, 0.1, 8, 14},
                {3, 3.5, 1.7, 10, 17, 8},
                {17, 8, 0.05, 10, 0.1, 14}};
        private final double[][] p = {
                {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
                {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
                {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
                {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};

        @Override
        double compute(double[] x) {
            double sum = 0;
            for (int i = 0; i < 4; i++) {
                double exponent = 0;
                for (int j = 0; j < 6; j++) {
                    double d = x[j] - p[i][j];
                    exponent += a[i][j] * d * d;
                }
                sum += alpha[i] * Math.exp(-exponent);
            }
            return -sum;
        }
    },

    /** Rosenbrock in any dimension d >= 2; minimum 0 at (1, ..., 1). */
    ROSENBROCK("rosenbrock", 2, Integer.MAX_VALUE) {
        @Override
        double compute(double[] x) {
            double sum = 0;
            for (int i = 0; i < x.length - 1; i++) {
                double valley = x[i + 1] - x[i] * x[i];
                double offset = 1 - x[i];
                sum += 100 * valley * valley + offset * offset;
            }
            return sum;
        }
    },

    /** Ackley in any dimension d >= 1; minimum 0 at the origin. */
    ACKLEY("ackley", 1, Integer.MAX_VALUE) {
        @Override
        double compute(double[] x) {
            double squares = 0;
            double cosines = 0;
            for (double xi : x) {
                squares += xi * xi;
                cosines += Math.cos(2 * Math.PI * xi);
            }
            return -20 * Math.exp(-0.2 * Math.sqrt(squares / x.length)) - Math.exp(cosines / x.length) + 20 + Math.E;
        }
    };

    private static final Pattern INPUT = Pattern.compile("x(0|[1-9][0-9]{0,8})");

    private final String functionName;
    private final int minDimension;
    private final int maxDimension;

    SyntheticFunction(String functionName, int minDimension, int maxDimension) {
        this.functionName = functionName;
        this.minDimension = minDimension;
        this.maxDimension = maxDimension;
    }

    abstract double compute(double[] x);

    /** The name used in {@code objective.settings.function}. */
    public String functionName() {
        return functionName;
    }

    /** The function of that name, or an error that lists the known names. */
    public static SyntheticFunction named(String name) {
        for (SyntheticFunction f : values()) {
            if (f.functionName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown synthetic function '" + name + "'; known functions: " + names());
    }

    /** The names of all functions. */
    public static List<String> names() {
        return Arrays.stream(values()).map(SyntheticFunction::functionName).toList();
    }

    /** The function's value at {@code x}; an error if {@code x} has a dimension it does not take. */
    public double evaluate(double... x) {
        if (x.length < minDimension || x.length > maxDimension) {
            throw new IllegalArgumentException(functionName + " takes " + dimensions() + ", but got " + x.length);
        }
        return compute(x);
    }

    /**
     * The input vector from a trial's parameters: the values of {@code x0 .. x<d-1>}, where d is
     * the number of parameters named {@code x<i>}; an error if they have gaps, are not numbers,
     * or are not as many as the function takes.
     */
    public double[] inputs(Map<String, Object> params) {
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        for (String name : params.keySet()) {
            Matcher m = INPUT.matcher(name);
            if (m.matches()) {
                byIndex.put(Integer.parseInt(m.group(1)), name);
            }
        }
        int d = byIndex.size();
        if (d == 0) {
            throw new IllegalArgumentException(functionName + " takes " + dimensions()
                    + " named x0, x1, ..., but the trial has none: its parameters are " + params.keySet());
        }
        if (byIndex.lastKey() != d - 1) {
            throw new IllegalArgumentException(functionName + " takes parameters x0..x<d-1> without gaps, but got "
                    + new ArrayList<>(byIndex.values()));
        }
        if (d < minDimension || d > maxDimension) {
            throw new IllegalArgumentException(functionName + " takes " + dimensions() + ", but the trial has "
                    + d + ": " + new ArrayList<>(byIndex.values()));
        }
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            Object value = params.get("x" + i);
            if (!(value instanceof Number n)) {
                throw new IllegalArgumentException("parameter 'x" + i + "' must be a number, but got '" + value + "'");
            }
            x[i] = n.doubleValue();
        }
        return x;
    }

    private String dimensions() {
        if (minDimension == maxDimension) {
            return minDimension + " parameters (x0..x" + (minDimension - 1) + ")";
        }
        return "at least " + minDimension + " parameter" + (minDimension == 1 ? "" : "s");
    }
}

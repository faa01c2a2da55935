package io.hyperstream.model.function;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Standard benchmark functions for optimizers, all to be minimized: the functions named by
 * {@code bench/problems.json} ({@code function}) and the other common ones of the literature.
 * Their inputs are the trial parameters named {@code x0}, {@code x1}, ... {@code x<d-1>}; other
 * parameters are ignored. Pure maths, shared by the synthetic trainer and the benchmarks.
 */
public enum SyntheticFunction {

    /** Branin-Hoo on (x0, x1); minimum 0.397887 at (-pi, 12.275), (pi, 2.275), (9.42478, 2.475). */
    BRANIN("branin", 2, 2) {
        @Override
        double compute(double[] x, Map<String, ?> constants) {
            double b = 5.1 / (4 * Math.PI * Math.PI);
            double c = 5 / Math.PI;
            double t = 1 / (8 * Math.PI);
            double inner = x[1] - b * x[0] * x[0] + c * x[0] - 6;
            return inner * inner + 10 * (1 - t) * Math.cos(x[0]) + 10;
        }
    },

    /** Hartmann 3-D on the unit cube; minimum -3.86278. Constants alpha, A, P may be replaced. */
    HARTMANN3("hartmann3", 3, 3) {
        @Override
        double compute(double[] x, Map<String, ?> constants) {
            return Hartmann.of(constants, Hartmann.THREE).value(x);
        }
    },

    /** Hartmann 6-D on the unit cube; minimum -3.32237. Constants alpha, A, P may be replaced. */
    HARTMANN6("hartmann6", 6, 6) {
        @Override
        double compute(double[] x, Map<String, ?> constants) {
            return Hartmann.of(constants, Hartmann.SIX).value(x);
        }
    },

    /** Rosenbrock in any dimension d >= 2; minimum 0 at (1, ..., 1). */
    ROSENBROCK("rosenbrock", 2, Integer.MAX_VALUE) {
        @Override
        double compute(double[] x, Map<String, ?> constants) {
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
        double compute(double[] x, Map<String, ?> constants) {
            double squares = 0;
            double cosines = 0;
            for (double xi : x) {
                squares += xi * xi;
                cosines += Math.cos(2 * Math.PI * xi);
            }
            return -20 * Math.exp(-0.2 * Math.sqrt(squares / x.length)) - Math.exp(cosines / x.length) + 20 + Math.E;
        }
    },

    /** Sphere, the sum of squares, in any dimension; minimum 0 at the origin. */
    SPHERE("sphere", 1, Integer.MAX_VALUE) {
        @Override
        double compute(double[] x, Map<String, ?> constants) {
            double sum = 0;
            for (double xi : x) {
                sum += xi * xi;
            }
            return sum;
        }
    },

    /** Rastrigin in any dimension; minimum 0 at the origin. */
    RASTRIGIN("rastrigin", 1, Integer.MAX_VALUE) {
        @Override
        double compute(double[] x, Map<String, ?> constants) {
            double sum = 10.0 * x.length;
            for (double xi : x) {
                sum += xi * xi - 10 * Math.cos(2 * Math.PI * xi);
            }
            return sum;
        }
    },

    /** Griewank in any dimension; minimum 0 at the origin. */
    GRIEWANK("griewank", 1, Integer.MAX_VALUE) {
        @Override
        double compute(double[] x, Map<String, ?> constants) {
            double sum = 0;
            double product = 1;
            for (int i = 0; i < x.length; i++) {
                sum += x[i] * x[i] / 4000;
                product *= Math.cos(x[i] / Math.sqrt(i + 1));
            }
            return sum - product + 1;
        }
    },

    /** Levy in any dimension; minimum 0 at (1, ..., 1). */
    LEVY("levy", 1, Integer.MAX_VALUE) {
        @Override
        double compute(double[] x, Map<String, ?> constants) {
            int d = x.length;
            double first = 1 + (x[0] - 1) / 4;
            double last = 1 + (x[d - 1] - 1) / 4;
            double sum = Math.pow(Math.sin(Math.PI * first), 2);
            for (int i = 0; i < d - 1; i++) {
                double w = 1 + (x[i] - 1) / 4;
                sum += (w - 1) * (w - 1) * (1 + 10 * Math.pow(Math.sin(Math.PI * w + 1), 2));
            }
            return sum + (last - 1) * (last - 1) * (1 + Math.pow(Math.sin(2 * Math.PI * last), 2));
        }
    },

    /** Styblinski-Tang in any dimension; minimum -39.16617 d at (-2.903534, ...). */
    STYBLINSKI_TANG("styblinski_tang", 1, Integer.MAX_VALUE) {
        @Override
        double compute(double[] x, Map<String, ?> constants) {
            double sum = 0;
            for (double xi : x) {
                sum += xi * xi * xi * xi - 16 * xi * xi + 5 * xi;
            }
            return sum / 2;
        }
    },

    /** Zakharov in any dimension; minimum 0 at the origin. */
    ZAKHAROV("zakharov", 1, Integer.MAX_VALUE) {
        @Override
        double compute(double[] x, Map<String, ?> constants) {
            double squares = 0;
            double weighted = 0;
            for (int i = 0; i < x.length; i++) {
                squares += x[i] * x[i];
                weighted += 0.5 * (i + 1) * x[i];
            }
            return squares + weighted * weighted + weighted * weighted * weighted * weighted;
        }
    },

    /** Schwefel (2.26) in any dimension; minimum 0 at (420.9687, ...). */
    SCHWEFEL("schwefel", 1, Integer.MAX_VALUE) {
        @Override
        double compute(double[] x, Map<String, ?> constants) {
            double sum = 0;
            for (double xi : x) {
                sum += xi * Math.sin(Math.sqrt(Math.abs(xi)));
            }
            return 418.9828872724338 * x.length - sum;
        }
    },

    /** Michalewicz (m = 10, or constant {@code m}) in any dimension; minimum -1.8013 for d = 2. */
    MICHALEWICZ("michalewicz", 1, Integer.MAX_VALUE) {
        @Override
        double compute(double[] x, Map<String, ?> constants) {
            double m = constants.containsKey("m") ? ((Number) constants.get("m")).doubleValue() : 10;
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                sum += Math.sin(x[i]) * Math.pow(Math.sin((i + 1) * x[i] * x[i] / Math.PI), 2 * m);
            }
            return -sum;
        }
    },

    /** Six-hump camel on (x0, x1); minimum -1.0316285 at (0.0898, -0.7126) and (-0.0898, 0.7126). */
    SIX_HUMP_CAMEL("six_hump_camel", 2, 2) {
        @Override
        double compute(double[] x, Map<String, ?> constants) {
            double a = x[0] * x[0];
            return (4 - 2.1 * a + a * a / 3) * a + x[0] * x[1] + (-4 + 4 * x[1] * x[1]) * x[1] * x[1];
        }
    },

    /** Goldstein-Price on (x0, x1); minimum 3 at (0, -1). */
    GOLDSTEIN_PRICE("goldstein_price", 2, 2) {
        @Override
        double compute(double[] x, Map<String, ?> constants) {
            double a = x[0];
            double b = x[1];
            double first = 1 + Math.pow(a + b + 1, 2) * (19 - 14 * a + 3 * a * a - 14 * b + 6 * a * b + 3 * b * b);
            double second = 30 + Math.pow(2 * a - 3 * b, 2) * (18 - 32 * a + 12 * a * a + 48 * b - 36 * a * b + 27 * b * b);
            return first * second;
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

    abstract double compute(double[] x, Map<String, ?> constants);

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
        return evaluate(Map.of(), x);
    }

    /**
     * The function's value at {@code x} with some of its constants replaced (Hartmann's
     * {@code alpha}, {@code A}, {@code P}; Michalewicz's {@code m}), as a benchmark file gives them.
     */
    public double evaluate(Map<String, ?> constants, double... x) {
        if (x.length < minDimension || x.length > maxDimension) {
            throw new IllegalArgumentException(functionName + " takes " + dimensions() + ", but got " + x.length);
        }
        return compute(x, constants == null ? Map.of() : constants);
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

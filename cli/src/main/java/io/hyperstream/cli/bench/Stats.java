package io.hyperstream.cli.bench;

import java.util.Arrays;
import java.util.List;

/** Order statistics for benchmark figures. */
final class Stats {

    private Stats() {
    }

    /** The q-quantile (0..1) by linear interpolation between order statistics, as numpy's default. */
    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, sorted.length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }

    /** The median of a list. */
    static double median(List<Double> values) {
        return quantile(values.stream().mapToDouble(Double::doubleValue).toArray(), 0.5);
    }

    /** A number printed with about three significant digits, as the reference tables are. */
    static String format(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double abs = Math.abs(value);
        if (abs == 0) {
            return "0";
        }
        if (abs >= 1000 || abs < 1e-3) {
            return String.format(java.util.Locale.ROOT, "%.3g", value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}

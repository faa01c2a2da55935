package io.hyperstream.results.dashboard.plot;

import io.hyperstream.model.spec.Direction;

/**
 * The empirical distribution function of the complete trials' values: for each value, the share
 * of trials whose value is at most that. Past {@code maxPoints} values, evenly spaced ranks are
 * kept (the lowest and the highest always).
 */
public record EdfPlot(int objective, Direction direction, int complete, int shown, double[] values,
                      double[] fractions) {

    /** The distribution of one objective's values. */
    public static EdfPlot of(StudyData study, int objective, int maxPoints) {
        Direction direction = study.direction(objective);
        double[] sorted = study.rows().stream().mapToDouble(r -> r.completeValue(objective))
                .filter(v -> !Double.isNaN(v)).sorted().toArray();
        int n = sorted.length;
        int[] ranks = Downsampling.stride(n, maxPoints);
        double[] values = new double[ranks.length];
        double[] fractions = new double[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            int rank = ranks[i];
            // Ties: the fraction at a value counts every trial with that value.
            int last = rank;
            while (last + 1 < n && sorted[last + 1] == sorted[rank]) {
                last++;
            }
            values[i] = sorted[rank];
            fractions[i] = (last + 1) / (double) n;
        }
        return new EdfPlot(objective, direction, n, values.length, values, fractions);
    }
}

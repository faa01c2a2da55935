package io.hyperstream.results.dashboard.plot;

import io.hyperstream.model.spec.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The optimization history: each complete trial's value by trial number, and the best value so
 * far as a step line. Past {@code maxPoints} trials the scatter keeps every trial that improved
 * the best value and the lowest and highest value of each run of trials.
 *
 * @param complete     complete trials with a finite value (all of them are in the best-so-far line)
 * @param numbers      trial numbers of the points drawn
 * @param bestNumbers  the trials that improved the best value, and the last complete trial
 */
public record HistoryPlot(int objective, Direction direction, int complete, int shown, int[] numbers,
                          double[] values, int[] bestNumbers, double[] bestValues) {

    /** The history of one objective of a study. */
    public static HistoryPlot of(StudyData study, int objective, int maxPoints) {
        Direction direction = study.direction(objective);
        List<TrialRow> complete = new ArrayList<>();
        for (TrialRow row : study.rows()) {
            if (!Double.isNaN(row.completeValue(objective))) {
                complete.add(row);
            }
        }
        int n = complete.size();
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = complete.get(i).completeValue(objective);
        }
        TreeSet<Integer> improvements = new TreeSet<>();
        List<Integer> bestN = new ArrayList<>();
        List<Double> bestV = new ArrayList<>();
        double best = Double.NaN;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(best) || direction.isBetter(values[i], best)) {
                best = values[i];
                improvements.add(i);
                bestN.add(complete.get(i).number());
                bestV.add(best);
            }
        }
        if (n > 0 && improvements.last() != n - 1) {
            bestN.add(complete.get(n - 1).number());
            bestV.add(best);
        }
        TreeSet<Integer> kept = new TreeSet<>();
        if (n <= maxPoints) {
            for (int i = 0; i < n; i++) {
                kept.add(i);
            }
        } else {
            kept.addAll(improvements);
            kept.addAll(Downsampling.minMaxBuckets(values, Math.max(1, (maxPoints - improvements.size()) / 2)));
        }
        int[] numbers = new int[kept.size()];
        double[] shownValues = new double[kept.size()];
        int k = 0;
        for (int i : kept) {
            numbers[k] = complete.get(i).number();
            shownValues[k++] = values[i];
        }
        return new HistoryPlot(objective, direction, n, numbers.length, numbers, shownValues,
                bestN.stream().mapToInt(Integer::intValue).toArray(),
                bestV.stream().mapToDouble(Double::doubleValue).toArray());
    }
}

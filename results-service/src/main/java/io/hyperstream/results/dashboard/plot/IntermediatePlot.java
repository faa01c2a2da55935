package io.hyperstream.results.dashboard.plot;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Learning curves: the objective reported at each epoch by the trials that reported any. With
 * more such trials than {@code maxTrials}, it draws the best complete ones, the running ones and
 * an evenly spaced selection (by number) of the others, so that the curves' spread stays visible;
 * each curve is cut to {@code maxPoints} points by {@link Downsampling#lttb}. Pruned trials carry
 * the epoch they were stopped at.
 *
 * @param withEpochs trials that reported at least one epoch
 * @param maxEpoch   the highest epoch among the curves drawn
 */
public record IntermediatePlot(int objective, Direction direction, int withEpochs, int shown, int maxEpoch,
                               List<Curve> curves) {

    /** Why a trial's curve is drawn. */
    public enum Role { BEST, RUNNING, SAMPLE }

    /**
     * One trial's curve.
     *
     * @param pruned whether the trial was pruned (its last point is where it stopped)
     */
    public record Curve(int number, TrialState state, Role role, boolean pruned, Integer prunedAtEpoch,
                        int[] epochs, double[] values) {
    }

    /** The trials whose curves to draw, with why, best first. */
    public static Map<Integer, Role> select(StudyData study, int objective, int maxTrials) {
        Direction direction = study.direction(objective);
        List<TrialRow> withEpochs = study.rows().stream().filter(r -> r.lastEpoch() != null).toList();
        Map<Integer, Role> chosen = new LinkedHashMap<>();
        if (withEpochs.size() <= maxTrials) {
            Comparator<TrialRow> order = bestFirst(objective, direction);
            withEpochs.stream().filter(r -> !Double.isNaN(r.completeValue(objective))).sorted(order)
                    .limit(Math.max(1, maxTrials / 10)).forEach(r -> chosen.put(r.number(), Role.BEST));
            for (TrialRow r : withEpochs) {
                chosen.putIfAbsent(r.number(), r.state() == TrialState.RUNNING ? Role.RUNNING : Role.SAMPLE);
            }
            return chosen;
        }
        int bestCount = Math.max(1, Math.min(10, maxTrials / 5));
        withEpochs.stream().filter(r -> !Double.isNaN(r.completeValue(objective)))
                .sorted(bestFirst(objective, direction)).limit(bestCount)
                .forEach(r -> chosen.put(r.number(), Role.BEST));
        int runningBudget = Math.max(0, maxTrials / 4);
        List<TrialRow> running = withEpochs.stream().filter(r -> r.state() == TrialState.RUNNING).toList();
        for (int i = running.size() - 1; i >= 0 && runningBudget > 0; i--) {
            if (chosen.putIfAbsent(running.get(i).number(), Role.RUNNING) == null) {
                runningBudget--;
            }
        }
        List<TrialRow> rest = withEpochs.stream().filter(r -> !chosen.containsKey(r.number())).toList();
        for (int i : Downsampling.stride(rest.size(), maxTrials - chosen.size())) {
            chosen.put(rest.get(i).number(), Role.SAMPLE);
        }
        return chosen;
    }

    /**
     * The plot of the selected trials, given each one's reported values by epoch (for this
     * objective; a trial missing from {@code curves} is drawn without points).
     */
    public static IntermediatePlot of(StudyData study, int objective, Map<Integer, Role> selection,
                                      Map<Integer, SortedMap<Integer, Double>> curves, int maxPoints) {
        Direction direction = study.direction(objective);
        Map<Integer, TrialRow> rows = new LinkedHashMap<>();
        int withEpochs = 0;
        for (TrialRow row : study.rows()) {
            if (row.lastEpoch() != null) {
                withEpochs++;
            }
            if (selection.containsKey(row.number())) {
                rows.put(row.number(), row);
            }
        }
        List<Curve> out = new ArrayList<>();
        int maxEpoch = 0;
        for (Map.Entry<Integer, Role> e : selection.entrySet()) {
            TrialRow row = rows.get(e.getKey());
            if (row == null) {
                continue;
            }
            SortedMap<Integer, Double> byEpoch = curves.getOrDefault(e.getKey(), Collections.emptySortedMap());
            List<double[]> points = new ArrayList<>();
            byEpoch.forEach((epoch, value) -> {
                if (value != null && Double.isFinite(value)) {
                    points.add(new double[] {epoch, value});
                }
            });
            double[] xs = points.stream().mapToDouble(p -> p[0]).toArray();
            double[] ys = points.stream().mapToDouble(p -> p[1]).toArray();
            int[] kept = Downsampling.lttb(xs, ys, maxPoints);
            int[] epochs = new int[kept.length];
            double[] values = new double[kept.length];
            for (int i = 0; i < kept.length; i++) {
                epochs[i] = (int) xs[kept[i]];
                values[i] = ys[kept[i]];
                maxEpoch = Math.max(maxEpoch, epochs[i]);
            }
            boolean pruned = row.state() == TrialState.PRUNED;
            out.add(new Curve(row.number(), row.state(), e.getValue(), pruned, row.prunedAtEpoch(), epochs, values));
        }
        return new IntermediatePlot(objective, direction, withEpochs, out.size(), maxEpoch, out);
    }

    private static Comparator<TrialRow> bestFirst(int objective, Direction direction) {
        Comparator<TrialRow> byValue = Comparator.comparingDouble(r -> r.completeValue(objective));
        return (direction == Direction.MAXIMIZE ? byValue.reversed() : byValue).thenComparingInt(TrialRow::number);
    }
}

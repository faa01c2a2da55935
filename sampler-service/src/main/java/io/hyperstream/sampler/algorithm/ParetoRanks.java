package io.hyperstream.sampler.algorithm;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Non-domination ranks (0 = on the Pareto front) and crowding distances of trials under several
 * objectives, as NSGA-II (Deb et al., 2002) and Optuna compute them.
 */
final class ParetoRanks {

    private ParetoRanks() {
    }

    /** The rank of each trial; trials that are not complete rank last. */
    static double[] ranks(List<FrozenTrial> trials, List<Direction> directions) {
        int n = trials.size();
        double[] rank = new double[n];
        List<Integer> ranked = new ArrayList<>();
        List<double[]> losses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FrozenTrial t = trials.get(i);
            if (t.state() == TrialState.COMPLETE && t.values().size() == directions.size()) {
                ranked.add(i);
                losses.add(losses(t, directions));
            } else {
                rank[i] = Double.POSITIVE_INFINITY;
            }
        }
        List<int[]> fronts = fronts(losses.toArray(new double[0][]));
        for (int f = 0; f < fronts.size(); f++) {
            for (int member : fronts.get(f)) {
                rank[ranked.get(member)] = f;
            }
        }
        return rank;
    }

    /** A trial's objective values turned so that lower is better in every objective. */
    static double[] losses(FrozenTrial trial, List<Direction> directions) {
        double[] losses = new double[directions.size()];
        for (int m = 0; m < losses.length; m++) {
            double v = trial.values().get(m);
            losses[m] = directions.get(m) == Direction.MAXIMIZE ? -v : v;
        }
        return losses;
    }

    /**
     * Deb's fast non-dominated sort: the indices of {@code losses} grouped in fronts, best front
     * first, each front in increasing index order.
     */
    static List<int[]> fronts(double[][] losses) {
        int n = losses.length;
        int[] dominatedBy = new int[n];
        int[][] dominates = new int[n][];
        int[] sizes = new int[n];
        for (int i = 0; i < n; i++) {
            dominates[i] = new int[4];
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (dominates(losses[i], losses[j])) {
                    dominates[i] = append(dominates[i], sizes[i]++, j);
                    dominatedBy[j]++;
                } else if (dominates(losses[j], losses[i])) {
                    dominates[j] = append(dominates[j], sizes[j]++, i);
                    dominatedBy[i]++;
                }
            }
        }
        List<int[]> fronts = new ArrayList<>();
        int[] front = new int[n];
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (dominatedBy[i] == 0) {
                front[size++] = i;
            }
        }
        while (size > 0) {
            int[] current = Arrays.copyOf(front, size);
            fronts.add(current);
            size = 0;
            for (int i : current) {
                for (int k = 0; k < sizes[i]; k++) {
                    int j = dominates[i][k];
                    if (--dominatedBy[j] == 0) {
                        front[size++] = j;
                    }
                }
            }
            Arrays.sort(front, 0, size);
        }
        return fronts;
    }

    private static int[] append(int[] array, int index, int value) {
        int[] target = index < array.length ? array : Arrays.copyOf(array, array.length * 2);
        target[index] = value;
        return target;
    }

    /**
     * The crowding distance of each member of a front (indices into {@code losses}), as Optuna
     * defines it: per objective, the gap between a member's two neighbours divided by the range of
     * the front's finite values, summed over objectives; the extremes get infinity, and an
     * objective in which the whole front is equal adds nothing.
     */
    static double[] crowdingDistances(double[][] losses, int[] front) {
        int k = front.length;
        double[] distance = new double[k];
        if (k == 0) {
            return distance;
        }
        int objectives = losses[front[0]].length;
        for (int m = 0; m < objectives; m++) {
            int objective = m;
            Integer[] order = new Integer[k];
            for (int i = 0; i < k; i++) {
                order[i] = i;
            }
            // Ties are broken by position so that the result does not depend on the sort's stability.
            Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> losses[front[i]][objective])
                    .thenComparingInt(i -> i));
            double first = losses[front[order[0]]][m];
            double last = losses[front[order[k - 1]]][m];
            if (first == last) {
                continue;
            }
            double[] vs = new double[k + 2];
            vs[0] = Double.NEGATIVE_INFINITY;
            vs[k + 1] = Double.POSITIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                vs[i + 1] = losses[front[order[i]]][m];
            }
            double min = Arrays.stream(vs).filter(v -> v != Double.NEGATIVE_INFINITY).findFirst().orElseThrow();
            double max = vs[k + 1];
            for (int i = k; i >= 0 && max == Double.POSITIVE_INFINITY; i--) {
                max = vs[i];
            }
            double width = max - min;
            if (!(width > 0)) {
                width = 1.0;
            }
            for (int i = 0; i < k; i++) {
                // inf - inf counts as no gap.
                double gap = vs[i] == vs[i + 2] ? 0.0 : vs[i + 2] - vs[i];
                distance[order[i]] += gap / width;
            }
        }
        return distance;
    }

    static boolean dominates(double[] a, double[] b) {
        boolean strictly = false;
        for (int m = 0; m < a.length; m++) {
            if (a[m] > b[m]) {
                return false;
            }
            strictly |= a[m] < b[m];
        }
        return strictly;
    }
}

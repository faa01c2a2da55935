package io.hyperstream.results.importance;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.TreeSet;

/**
 * The functional ANOVA of one regression tree over a box-shaped search space (Hutter et al., 2014,
 * as Optuna's {@code _FanovaTree}): the tree's prediction averaged over all other dimensions is a
 * piecewise-constant function of the chosen feature(s); its variance over the box, divided by the
 * variance of the whole prediction, is that feature's share.
 */
final class FanovaTree {

    private final RegressionTree tree;
    private final double[][] bounds;
    private final int features;
    /** Per node: the volume-weighted mean prediction of its box and the box's volume. */
    private final double[] statValue;
    private final double[] statWeight;
    /** Per node: whether its subtree splits on each feature. */
    private final boolean[][] subtreeSplits;
    /** Per feature: the boundaries of the intervals the tree's thresholds cut it into. */
    private final double[][] boundaries;
    private final double variance;

    /**
     * @param bounds {@code [low, high]} of each feature (a categorical choice's one-hot column: [0, 1])
     */
    FanovaTree(RegressionTree tree, double[][] bounds) {
        this.tree = tree;
        this.bounds = bounds;
        this.features = bounds.length;
        int n = tree.nodeCount();
        this.statValue = new double[n];
        this.statWeight = new double[n];
        this.subtreeSplits = new boolean[n][features];
        precompute();
        this.boundaries = boundaries();
        this.variance = leafVariance();
    }

    /** The variance of the prediction over the whole box (volume-weighted over leaves). */
    double variance() {
        return variance;
    }

    private void precompute() {
        double[][][] boxes = new double[tree.nodeCount()][][];
        boxes[0] = copy(bounds);
        // Nodes are in depth-first order: a parent comes before its children.
        for (int n = 0; n < tree.nodeCount(); n++) {
            if (tree.isLeaf(n)) {
                statValue[n] = tree.value(n);
                statWeight[n] = volume(boxes[n]);
            } else {
                int f = tree.feature(n);
                double t = tree.threshold(n);
                double[][] l = copy(boxes[n]);
                l[f][1] = t;
                double[][] r = copy(boxes[n]);
                r[f][0] = t;
                boxes[tree.left(n)] = l;
                boxes[tree.right(n)] = r;
            }
            boxes[n] = null;
        }
        for (int n = tree.nodeCount() - 1; n >= 0; n--) {
            if (!tree.isLeaf(n)) {
                int l = tree.left(n);
                int r = tree.right(n);
                double weight = statWeight[l] + statWeight[r];
                statWeight[n] = weight;
                statValue[n] = weight > 0 ? (statValue[l] * statWeight[l] + statValue[r] * statWeight[r]) / weight
                        : (statValue[l] + statValue[r]) / 2;
                subtreeSplits[n][tree.feature(n)] = true;
                for (int f = 0; f < features; f++) {
                    subtreeSplits[n][f] |= subtreeSplits[l][f] || subtreeSplits[r][f];
                }
            }
        }
    }

    private double[][] boundaries() {
        TreeSet<Double>[] thresholds = newSets(features);
        for (int n = 0; n < tree.nodeCount(); n++) {
            if (!tree.isLeaf(n)) {
                thresholds[tree.feature(n)].add(tree.threshold(n));
            }
        }
        double[][] result = new double[features][];
        for (int f = 0; f < features; f++) {
            double[] b = new double[thresholds[f].size() + 2];
            b[0] = bounds[f][0];
            int k = 1;
            for (double t : thresholds[f]) {
                b[k++] = t;
            }
            b[k] = bounds[f][1];
            result[f] = b;
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static TreeSet<Double>[] newSets(int n) {
        TreeSet<Double>[] sets = new TreeSet[n];
        for (int i = 0; i < n; i++) {
            sets[i] = new TreeSet<>();
        }
        return sets;
    }

    private double leafVariance() {
        double sumW = 0;
        double sumWv = 0;
        for (int n = 0; n < tree.nodeCount(); n++) {
            if (tree.isLeaf(n)) {
                sumW += statWeight[n];
                sumWv += statWeight[n] * statValue[n];
            }
        }
        double mean = sumWv / sumW;
        double sum = 0;
        for (int n = 0; n < tree.nodeCount(); n++) {
            if (tree.isLeaf(n)) {
                double d = statValue[n] - mean;
                sum += statWeight[n] * d * d;
            }
        }
        return sum / sumW;
    }

    /**
     * The variance of the marginal prediction of a group of features (one numeric parameter, or the
     * one-hot columns of a categorical one), never negative.
     */
    double marginalVariance(int[] group) {
        if (group.length == 1) {
            return singleFeatureVariance(group[0]);
        }
        return groupVariance(group);
    }

    /**
     * One feature: each node whose subtree does not split on it contributes its mean prediction,
     * weighted by its volume in the other dimensions, to the intervals of the feature it covers;
     * a difference array adds the contributions up in one pass.
     */
    double singleFeatureVariance(int f) {
        double[] b = boundaries[f];
        int segments = b.length - 1;
        double[] diff = new double[segments + 1];
        double[] otherVolume = {0};
        Deque<double[]> stack = new ArrayDeque<>();
        stack.push(new double[] {0, bounds[f][0], bounds[f][1]});
        while (!stack.isEmpty()) {
            double[] item = stack.pop();
            int n = (int) item[0];
            double lo = item[1];
            double hi = item[2];
            if (tree.isLeaf(n) || !subtreeSplits[n][f]) {
                double length = hi - lo;
                if (length <= 0) {
                    continue;
                }
                double other = statWeight[n] / length;
                int from = index(b, lo);
                int to = index(b, hi);
                diff[from] += statValue[n] * other;
                diff[to] -= statValue[n] * other;
                if (from == 0) {
                    otherVolume[0] += other;
                }
                continue;
            }
            if (tree.feature(n) == f) {
                double t = tree.threshold(n);
                stack.push(new double[] {tree.right(n), t, hi});
                stack.push(new double[] {tree.left(n), lo, t});
            } else {
                stack.push(new double[] {tree.right(n), lo, hi});
                stack.push(new double[] {tree.left(n), lo, hi});
            }
        }
        double[] marginal = new double[segments];
        double running = 0;
        for (int j = 0; j < segments; j++) {
            running += diff[j];
            marginal[j] = running / otherVolume[0];
        }
        double[] sizes = new double[segments];
        for (int j = 0; j < segments; j++) {
            sizes[j] = b[j + 1] - b[j];
        }
        return weightedVariance(marginal, sizes);
    }

    /**
     * Several features at once, as Optuna computes it: the marginal prediction at the midpoint of
     * every cell of the grid the tree's thresholds cut them into, each cell weighted by its volume.
     */
    double groupVariance(int[] group) {
        int cells = 1;
        for (int f : group) {
            cells = Math.multiplyExact(cells, boundaries[f].length - 1);
        }
        double[] values = new double[cells];
        double[] weights = new double[cells];
        int[] cell = new int[group.length];
        double[] point = new double[group.length];
        for (int c = 0; c < cells; c++) {
            int rest = c;
            double size = 1;
            for (int g = group.length - 1; g >= 0; g--) {
                double[] b = boundaries[group[g]];
                cell[g] = rest % (b.length - 1);
                rest /= b.length - 1;
                point[g] = 0.5 * (b[cell[g]] + b[cell[g] + 1]);
                size *= b[cell[g] + 1] - b[cell[g]];
            }
            double[] marginal = marginalAt(group, point);
            values[c] = marginal[0];
            weights[c] = marginal[1] * size;
        }
        return weightedVariance(values, weights);
    }

    /** The marginal prediction at a point of the group's features and the summed weight of the nodes it averages. */
    private double[] marginalAt(int[] group, double[] point) {
        int[] position = new int[features];
        Arrays.fill(position, -1);
        for (int g = 0; g < group.length; g++) {
            position[group[g]] = g;
        }
        double sumW = 0;
        double sumWv = 0;
        Deque<Object[]> stack = new ArrayDeque<>();
        double[][] start = new double[group.length][];
        for (int g = 0; g < group.length; g++) {
            start[g] = bounds[group[g]].clone();
        }
        stack.push(new Object[] {0, start});
        while (!stack.isEmpty()) {
            Object[] item = stack.pop();
            int n = (Integer) item[0];
            double[][] box = (double[][]) item[1];
            if (!tree.isLeaf(n)) {
                int g = position[tree.feature(n)];
                if (g >= 0) {
                    double t = tree.threshold(n);
                    double[][] next = copy(box);
                    if (point[g] <= t) {
                        next[g][1] = t;
                        stack.push(new Object[] {tree.left(n), next});
                    } else {
                        next[g][0] = t;
                        stack.push(new Object[] {tree.right(n), next});
                    }
                    continue;
                }
                boolean splitsGroup = false;
                for (int f : group) {
                    splitsGroup |= subtreeSplits[n][f];
                }
                if (splitsGroup) {
                    stack.push(new Object[] {tree.right(n), box});
                    stack.push(new Object[] {tree.left(n), box});
                    continue;
                }
            }
            double weight = statWeight[n] / volume(box);
            sumW += weight;
            sumWv += weight * statValue[n];
        }
        return new double[] {sumWv / sumW, sumW};
    }

    private static int index(double[] boundaries, double value) {
        int i = Arrays.binarySearch(boundaries, value);
        if (i < 0) {
            throw new IllegalStateException("interval end " + value + " is not a split boundary");
        }
        return i;
    }

    static double weightedVariance(double[] values, double[] weights) {
        double sumW = 0;
        double sumWv = 0;
        for (int i = 0; i < values.length; i++) {
            sumW += weights[i];
            sumWv += weights[i] * values[i];
        }
        double mean = sumWv / sumW;
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            double d = values[i] - mean;
            sum += weights[i] * d * d;
        }
        return Math.max(0, sum / sumW);
    }

    private static double volume(double[][] box) {
        double v = 1;
        for (double[] interval : box) {
            v *= interval[1] - interval[0];
        }
        return v;
    }

    private static double[][] copy(double[][] box) {
        double[][] c = new double[box.length][];
        for (int i = 0; i < box.length; i++) {
            c[i] = box[i].clone();
        }
        return c;
    }
}

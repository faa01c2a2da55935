package io.hyperstream.results.importance;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A regression tree grown as scikit-learn's {@code DecisionTreeRegressor} (squared error, best
 * split, every feature considered in a random order, {@code min_samples_leaf} and
 * {@code min_samples_split} on distinct samples, weighted by bootstrap counts), stored as
 * scikit-learn's arrays: nodes in depth-first order, left child first, {@code feature[n] < 0} for a
 * leaf. A split goes left when {@code x[feature] <= threshold}.
 */
public final class RegressionTree {

    /** Values closer than this count as equal (scikit-learn's {@code FEATURE_THRESHOLD}). */
    private static final double FEATURE_THRESHOLD = 1e-7;
    /** Impurity at or below this makes a leaf (scikit-learn's {@code EPSILON}). */
    private static final double EPSILON = Math.ulp(1.0);

    private int[] feature = new int[64];
    private double[] threshold = new double[64];
    private int[] left = new int[64];
    private int[] right = new int[64];
    private double[] value = new double[64];
    private int nodes;

    private RegressionTree() {
    }

    /**
     * Grows a tree on the samples with a positive weight.
     *
     * @param x               the samples, {@code x[i][f]}
     * @param y               their targets
     * @param weights         each sample's weight (its bootstrap count; 0 leaves it out)
     * @param maxDepth        the deepest a leaf may be (the root is at depth 0)
     * @param minSamplesSplit the fewest distinct samples a node needs to be split
     * @param minSamplesLeaf  the fewest distinct samples each child needs
     * @param random          orders the features at each node (it only decides between equal splits)
     */
    public static RegressionTree grow(double[][] x, double[] y, double[] weights, int maxDepth, int minSamplesSplit,
                                      int minSamplesLeaf, SplittableRandom random) {
        return grow(x, y, weights, sortedByFeature(x), maxDepth, minSamplesSplit, minSamplesLeaf, random);
    }

    /**
     * Grows a tree with the sample indices already sorted by each feature ({@link #sortedByFeature}),
     * which a forest computes once for all its trees.
     */
    static RegressionTree grow(double[][] x, double[] y, double[] weights, int[][] sorted, int maxDepth,
                               int minSamplesSplit, int minSamplesLeaf, SplittableRandom random) {
        RegressionTree tree = new RegressionTree();
        new Builder(tree, x, y, weights, sorted, maxDepth, minSamplesSplit, minSamplesLeaf, random).build();
        return tree;
    }

    /** For each feature, the sample indices in increasing order of that feature. */
    static int[][] sortedByFeature(double[][] x) {
        int features = x.length == 0 ? 0 : x[0].length;
        int[][] sorted = new int[features][];
        for (int f = 0; f < features; f++) {
            Integer[] boxed = new Integer[x.length];
            for (int i = 0; i < x.length; i++) {
                boxed[i] = i;
            }
            int column = f;
            Arrays.sort(boxed, (a, b) -> Double.compare(x[a][column], x[b][column]));
            sorted[f] = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        }
        return sorted;
    }

    /** The number of nodes. */
    public int nodeCount() {
        return nodes;
    }

    /** The feature node {@code n} splits on, or -1 for a leaf. */
    public int feature(int n) {
        return feature[n];
    }

    /** The split threshold of node {@code n}. */
    public double threshold(int n) {
        return threshold[n];
    }

    public int left(int n) {
        return left[n];
    }

    public int right(int n) {
        return right[n];
    }

    /** The weighted mean target of the training samples in node {@code n}. */
    public double value(int n) {
        return value[n];
    }

    public boolean isLeaf(int n) {
        return feature[n] < 0;
    }

    /** The prediction for one sample. */
    public double predict(double[] sample) {
        int n = 0;
        while (!isLeaf(n)) {
            n = sample[feature[n]] <= threshold[n] ? left[n] : right[n];
        }
        return value[n];
    }

    private int addNode(double nodeValue) {
        if (nodes == feature.length) {
            int size = nodes * 2;
            feature = Arrays.copyOf(feature, size);
            threshold = Arrays.copyOf(threshold, size);
            left = Arrays.copyOf(left, size);
            right = Arrays.copyOf(right, size);
            value = Arrays.copyOf(value, size);
        }
        feature[nodes] = -1;
        threshold[nodes] = Double.NaN;
        left[nodes] = -1;
        right[nodes] = -1;
        value[nodes] = nodeValue;
        return nodes++;
    }

    /**
     * Grows the tree depth-first. Each feature keeps the node's samples sorted by it in one
     * segment of {@code order[f]}; a split partitions every feature's segment stably, so no node
     * sorts anything (the forest grows in O(samples x features x depth) per tree).
     */
    private static final class Builder {
        private final RegressionTree tree;
        private final double[][] x;
        private final double[] y;
        private final double[] w;
        private final int maxDepth;
        private final int minSamplesSplit;
        private final int minSamplesLeaf;
        private final SplittableRandom random;
        private final int features;
        private final int[][] order;
        private final int[] buffer;
        private final boolean[] goesLeft;

        Builder(RegressionTree tree, double[][] x, double[] y, double[] weights, int[][] sorted, int maxDepth,
                int minSamplesSplit, int minSamplesLeaf, SplittableRandom random) {
            this.tree = tree;
            this.x = x;
            this.y = y;
            this.w = weights;
            this.maxDepth = maxDepth;
            this.minSamplesSplit = minSamplesSplit;
            this.minSamplesLeaf = minSamplesLeaf;
            this.random = random;
            this.features = x.length == 0 ? 0 : x[0].length;
            int n = 0;
            for (double weight : weights) {
                if (weight > 0) {
                    n++;
                }
            }
            this.order = new int[features][n];
            for (int f = 0; f < features; f++) {
                int k = 0;
                for (int i : sorted[f]) {
                    if (weights[i] > 0) {
                        order[f][k++] = i;
                    }
                }
            }
            this.buffer = new int[n];
            this.goesLeft = new boolean[weights.length];
        }

        void build() {
            int n = features == 0 ? 0 : order[0].length;
            if (n == 0) {
                throw new IllegalArgumentException("a tree needs at least one sample with a positive weight");
            }
            grow(0, n, 0);
        }

        /** Grows the subtree of the samples in segment [start, end) and returns its node. */
        private int grow(int start, int end, int depth) {
            int[] samples = order[0];
            double sumW = 0;
            double sumWy = 0;
            double sumWy2 = 0;
            for (int p = start; p < end; p++) {
                int i = samples[p];
                sumW += w[i];
                sumWy += w[i] * y[i];
                sumWy2 += w[i] * y[i] * y[i];
            }
            double mean = sumWy / sumW;
            int node = tree.addNode(mean);
            int count = end - start;
            double impurity = sumWy2 / sumW - mean * mean;
            if (depth >= maxDepth || count < minSamplesSplit || count < 2 * minSamplesLeaf || impurity <= EPSILON) {
                return node;
            }
            Split split = bestSplit(start, end, sumW, sumWy);
            if (split == null) {
                return node;
            }
            int mid = partition(start, end, split);
            tree.feature[node] = split.feature;
            tree.threshold[node] = split.threshold;
            int leftChild = grow(start, mid, depth + 1);
            int rightChild = grow(mid, end, depth + 1);
            tree.left[node] = leftChild;
            tree.right[node] = rightChild;
            return node;
        }

        private record Split(int feature, double threshold, int position) {
        }

        private Split bestSplit(int start, int end, double sumW, double sumWy) {
            int[] shuffled = new int[features];
            for (int f = 0; f < features; f++) {
                shuffled[f] = f;
            }
            for (int i = features - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            Split best = null;
            double bestProxy = Double.NEGATIVE_INFINITY;
            for (int f : shuffled) {
                int[] sorted = order[f];
                if (x[sorted[end - 1]][f] <= x[sorted[start]][f] + FEATURE_THRESHOLD) {
                    continue;
                }
                double leftW = 0;
                double leftWy = 0;
                for (int p = start + 1; p < end; p++) {
                    int previous = sorted[p - 1];
                    leftW += w[previous];
                    leftWy += w[previous] * y[previous];
                    double before = x[previous][f];
                    double here = x[sorted[p]][f];
                    if (here <= before + FEATURE_THRESHOLD) {
                        continue;
                    }
                    if (p - start < minSamplesLeaf || end - p < minSamplesLeaf) {
                        continue;
                    }
                    double rightW = sumW - leftW;
                    double rightWy = sumWy - leftWy;
                    double proxy = leftWy * leftWy / leftW + rightWy * rightWy / rightW;
                    if (proxy > bestProxy) {
                        bestProxy = proxy;
                        double threshold = before / 2.0 + here / 2.0;
                        if (threshold == here || Double.isInfinite(threshold)) {
                            threshold = before;
                        }
                        best = new Split(f, threshold, p);
                    }
                }
            }
            return best;
        }

        /** Splits every feature's segment stably into the samples going left, then right; returns the boundary. */
        private int partition(int start, int end, Split split) {
            int[] bySplit = order[split.feature];
            for (int p = start; p < end; p++) {
                goesLeft[bySplit[p]] = p < split.position;
            }
            for (int f = 0; f < features; f++) {
                int[] segment = order[f];
                int l = start;
                int r = 0;
                for (int p = start; p < end; p++) {
                    int i = segment[p];
                    if (goesLeft[i]) {
                        segment[l++] = i;
                    } else {
                        buffer[r++] = i;
                    }
                }
                System.arraycopy(buffer, 0, segment, l, r);
            }
            return split.position;
        }
    }
}

package io.hyperstream.results.importance;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random forest of {@link RegressionTree}s as scikit-learn's {@code RandomForestRegressor}
 * (which Optuna's fANOVA uses): each tree on a bootstrap sample of the trials (n draws with
 * replacement, a drawn trial weighted by how often it was drawn), every feature considered at each
 * split. The same seed gives the same forest.
 */
public final class RandomForest {

    private final List<RegressionTree> trees;

    private RandomForest(List<RegressionTree> trees) {
        this.trees = List.copyOf(trees);
    }

    /**
     * Grows a forest.
     *
     * @param x     the samples, {@code x[i][f]}, at least one
     * @param y     their targets
     * @param seed  seeds the bootstrap samples and the feature orders
     */
    public static RandomForest fit(double[][] x, double[] y, int trees, int maxDepth, int minSamplesSplit,
                                   int minSamplesLeaf, long seed) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("a forest needs as many targets as samples, at least one, but got "
                    + x.length + " samples and " + y.length + " targets");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[][] sorted = RegressionTree.sortedByFeature(x);
        List<RegressionTree> grown = new ArrayList<>(trees);
        for (int t = 0; t < trees; t++) {
            SplittableRandom treeRandom = random.split();
            double[] weights = new double[x.length];
            for (int draw = 0; draw < x.length; draw++) {
                weights[treeRandom.nextInt(x.length)]++;
            }
            grown.add(RegressionTree.grow(x, y, weights, sorted, maxDepth, minSamplesSplit, minSamplesLeaf, treeRandom));
        }
        return new RandomForest(grown);
    }

    public List<RegressionTree> trees() {
        return trees;
    }

    /** The mean prediction of the trees. */
    public double predict(double[] sample) {
        double sum = 0;
        for (RegressionTree tree : trees) {
            sum += tree.predict(sample);
        }
        return sum / trees.size();
    }
}

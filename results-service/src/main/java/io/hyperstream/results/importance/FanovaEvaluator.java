package io.hyperstream.results.importance;

import io.hyperstream.model.spec.ParamSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * fANOVA parameter importance, as Optuna's {@code FanovaImportanceEvaluator}: a random forest
 * ({@link RandomForest}: 64 trees of depth at most 64 by default, split down to single trials) is
 * fitted to the trials' target values; for each tree, the variance of its prediction as a function
 * of one parameter alone (all others averaged out over the search space) divided by the variance
 * of its whole prediction is that parameter's share; a parameter's importance is the mean share
 * over the trees that vary, and the importances are normalized to sum to 1. Deterministic for a
 * seed.
 */
public final class FanovaEvaluator implements ImportanceEvaluator {

    private final int trees;
    private final int maxDepth;
    private final long seed;

    public FanovaEvaluator(int trees, int maxDepth, long seed) {
        if (trees < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("trees and maxDepth must be >= 1, but got trees=" + trees
                    + ", maxDepth=" + maxDepth);
        }
        this.trees = trees;
        this.maxDepth = maxDepth;
        this.seed = seed;
    }

    /** Optuna's defaults: 64 trees of depth at most 64. */
    public FanovaEvaluator(long seed) {
        this(64, 64, seed);
    }

    @Override
    public List<Double> evaluate(List<ParamSpec> params, List<ImportanceTrial> trials, boolean lowerIsBetter) {
        Encoding encoding = new Encoding(params);
        double[][] x = new double[trials.size()][];
        double[] y = new double[trials.size()];
        for (int i = 0; i < trials.size(); i++) {
            x[i] = encoding.row(trials.get(i));
            y[i] = trials.get(i).target();
        }
        RandomForest forest = RandomForest.fit(x, y, trees, maxDepth, 2, 1, seed);
        List<FanovaTree> analysed = new ArrayList<>();
        for (RegressionTree tree : forest.trees()) {
            FanovaTree fanova = new FanovaTree(tree, encoding.bounds);
            if (fanova.variance() > 0) {
                analysed.add(fanova);
            }
        }
        if (analysed.isEmpty()) {
            throw new NotEnoughVariation("the forest's predictions do not vary: the " + trials.size()
                    + " trials' target values are all equal or the parameters do not separate them");
        }
        List<Double> importances = new ArrayList<>(params.size());
        for (int p = 0; p < params.size(); p++) {
            double sum = 0;
            for (FanovaTree tree : analysed) {
                sum += tree.marginalVariance(encoding.columns[p]) / tree.variance();
            }
            importances.add(sum / analysed.size());
        }
        return Importances.normalized(importances);
    }
}

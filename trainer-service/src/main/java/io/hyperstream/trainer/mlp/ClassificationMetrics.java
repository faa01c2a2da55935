package io.hyperstream.trainer.mlp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns class probabilities and actual classes into the metrics a classifier reports: loss,
 * accuracy, balanced accuracy, macro-F1, recall per class and the confusion matrix. Plain Java.
 */
public final class ClassificationMetrics {

    /** Probabilities below this count as this, so that a confident mistake costs a finite loss. */
    static final double MIN_PROBABILITY = 1e-12;

    private ClassificationMetrics() {
    }

    /** The index of the largest value of each row (the first one on ties). */
    public static int[] argMax(float[] probabilities, int classes) {
        int rows = probabilities.length / classes;
        int[] predicted = new int[rows];
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (probabilities[r * classes + c] > probabilities[r * classes + best]) {
                    best = c;
                }
            }
            predicted[r] = best;
        }
        return predicted;
    }

    /**
     * Mean cross-entropy {@code -log p(actual class)} over the rows of a row-major
     * {@code rows x classes} probability matrix, unweighted.
     */
    public static double crossEntropy(float[] probabilities, int[] actual, int classes) {
        if (probabilities.length != actual.length * classes) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + actual.length + " rows of "
                    + classes + " classes");
        }
        if (actual.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int r = 0; r < actual.length; r++) {
            sum -= Math.log(Math.max(MIN_PROBABILITY, probabilities[r * classes + actual[r]]));
        }
        return sum / actual.length;
    }

    /** The share of the most frequent class: the accuracy of always answering it. */
    public static double nullAccuracy(long[] classCounts) {
        long total = 0;
        long max = 0;
        for (long count : classCounts) {
            total += count;
            max = Math.max(max, count);
        }
        return total == 0 ? Double.NaN : (double) max / total;
    }

    /**
     * The per-epoch metrics, in this order: {@code <prefix>accuracy}, {@code balanced_accuracy},
     * {@code macro_f1}, then {@code recall_<class>} for each class with examples.
     */
    public static Map<String, Double> summary(ConfusionMatrix matrix, List<String> classNames, String prefix) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(prefix + "accuracy", matrix.accuracy());
        metrics.put(prefix + "balanced_accuracy", matrix.balancedAccuracy());
        metrics.put(prefix + "macro_f1", matrix.macroF1());
        for (int c = 0; c < matrix.classes(); c++) {
            if (matrix.actual(c) > 0) {
                metrics.put(prefix + "recall_" + classNames.get(c), matrix.recall(c));
            }
        }
        return metrics;
    }

    /** The counts as metrics {@code <prefix>confusion_<actual>_<predicted>}. */
    public static Map<String, Double> confusion(ConfusionMatrix matrix, List<String> classNames, String prefix) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int a = 0; a < matrix.classes(); a++) {
            for (int p = 0; p < matrix.classes(); p++) {
                metrics.put(prefix + "confusion_" + classNames.get(a) + "_" + classNames.get(p), (double) matrix.count(a, p));
            }
        }
        return metrics;
    }
}

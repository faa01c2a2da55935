package io.hyperstream.trainer.mlp;

import java.util.Arrays;

/**
 * Counts of (actual class, predicted class) pairs for a classifier over {@code k} classes, and
 * the classification metrics derived from them. Plain Java, no framework: the maths of every
 * reported accuracy figure lives here.
 */
public final class ConfusionMatrix {

    private final long[][] counts;

    private ConfusionMatrix(long[][] counts) {
        this.counts = counts;
    }

    /** An empty matrix over {@code classes} classes. */
    public static ConfusionMatrix empty(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, but got " + classes);
        }
        return new ConfusionMatrix(new long[classes][classes]);
    }

    /** The matrix of the given counts, {@code counts[actual][predicted]}; square, non-negative. */
    public static ConfusionMatrix of(long[][] counts) {
        ConfusionMatrix matrix = empty(counts.length);
        for (int a = 0; a < counts.length; a++) {
            if (counts[a].length != counts.length) {
                throw new IllegalArgumentException("a confusion matrix is square, but row " + a + " has "
                        + counts[a].length + " counts for " + counts.length + " classes");
            }
            for (int p = 0; p < counts.length; p++) {
                if (counts[a][p] < 0) {
                    throw new IllegalArgumentException("counts are non-negative, but got " + counts[a][p]);
                }
                matrix.counts[a][p] = counts[a][p];
            }
        }
        return matrix;
    }

    /** The matrix of predictions against actual classes (class indices 0..classes-1). */
    public static ConfusionMatrix of(int classes, int[] actual, int[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " actual classes for " + predicted.length + " predictions");
        }
        ConfusionMatrix matrix = empty(classes);
        for (int i = 0; i < actual.length; i++) {
            matrix.add(actual[i], predicted[i]);
        }
        return matrix;
    }

    /** Counts one example. */
    public void add(int actual, int predicted) {
        counts[actual][predicted]++;
    }

    /** The number of classes. */
    public int classes() {
        return counts.length;
    }

    /** How many examples of class {@code actual} were predicted as {@code predicted}. */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** A copy of the counts, {@code [actual][predicted]}. */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int a = 0; a < counts.length; a++) {
            copy[a] = counts[a].clone();
        }
        return copy;
    }

    /** All examples counted. */
    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long c : row) {
                total += c;
            }
        }
        return total;
    }

    /** Examples whose actual class is {@code c}. */
    public long actual(int c) {
        return Arrays.stream(counts[c]).sum();
    }

    /** Examples predicted as class {@code c}. */
    public long predicted(int c) {
        long sum = 0;
        for (long[] row : counts) {
            sum += row[c];
        }
        return sum;
    }

    /** Share of examples predicted correctly; NaN when nothing was counted. */
    public double accuracy() {
        long total = total();
        if (total == 0) {
            return Double.NaN;
        }
        long correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        return (double) correct / total;
    }

    /** Recall of class {@code c} (true positives over actual positives); NaN if the class has no examples. */
    public double recall(int c) {
        long actual = actual(c);
        return actual == 0 ? Double.NaN : (double) counts[c][c] / actual;
    }

    /** Precision of class {@code c}; 0 when the class was never predicted (as scikit-learn's zero_division=0). */
    public double precision(int c) {
        long predicted = predicted(c);
        return predicted == 0 ? 0 : (double) counts[c][c] / predicted;
    }

    /** F1 of class {@code c}: the harmonic mean of precision and recall, 0 when both are 0. */
    public double f1(int c) {
        long tp = counts[c][c];
        long denominator = actual(c) + predicted(c);
        return denominator == 0 ? 0 : 2.0 * tp / denominator;
    }

    /**
     * Mean recall over the classes that have examples (scikit-learn's balanced_accuracy_score):
     * a classifier that always answers the majority class scores 1 / (classes present).
     */
    public double balancedAccuracy() {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < counts.length; c++) {
            if (actual(c) > 0) {
                sum += recall(c);
                present++;
            }
        }
        return present == 0 ? Double.NaN : sum / present;
    }

    /**
     * Unweighted mean F1 over the classes that occur as actual or predicted class (scikit-learn's
     * f1_score(average='macro') with its default labels).
     */
    public double macroF1() {
        double sum = 0;
        int seen = 0;
        for (int c = 0; c < counts.length; c++) {
            if (actual(c) > 0 || predicted(c) > 0) {
                sum += f1(c);
                seen++;
            }
        }
        return seen == 0 ? Double.NaN : sum / seen;
    }

    @Override
    public String toString() {
        return Arrays.deepToString(counts);
    }
}

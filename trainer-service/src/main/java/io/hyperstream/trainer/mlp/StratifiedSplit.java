package io.hyperstream.trainer.mlp;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded stratified split of a data set's rows into training, validation and (optionally) test
 * rows: each class is shuffled and divided in the same proportions, so every part keeps the
 * class balance of the whole. Each row lands in exactly one part. Plain Java.
 *
 * @param train rows to train on, ascending
 * @param valid rows the per-epoch metrics are measured on, ascending
 * @param test  held-out rows measured once, on the final model; empty without a test fraction
 */
public record StratifiedSplit(int[] train, int[] valid, int[] test) {

    /**
     * Splits the rows of {@code labels} (class indices 0..classes-1): of the {@code n} rows of a
     * class, {@code round(n * validFraction)} go to validation, {@code round(n * testFraction)}
     * to test, the rest (at least one) to training.
     */
    public static StratifiedSplit of(int[] labels, int classes, double validFraction, double testFraction, long seed) {
        if (!(validFraction > 0 && validFraction < 1)) {
            throw new IllegalArgumentException("objective.settings.valid_fraction must be > 0 and < 1, but got " + validFraction);
        }
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("objective.settings.test_fraction must be >= 0 and < 1, but got " + testFraction);
        }
        if (validFraction + testFraction >= 1) {
            throw new IllegalArgumentException("valid_fraction + test_fraction must be < 1 to leave rows to train on, but got "
                    + validFraction + " + " + testFraction);
        }
        int[][] byClass = rowsByClass(labels, classes);
        SplittableRandom random = new SplittableRandom(seed);
        int[] train = new int[labels.length];
        int[] valid = new int[labels.length];
        int[] test = new int[labels.length];
        int nTrain = 0;
        int nValid = 0;
        int nTest = 0;
        for (int c = 0; c < classes; c++) {
            int[] rows = byClass[c];
            shuffle(rows, random);
            int toValid = (int) Math.round(rows.length * validFraction);
            int toTest = (int) Math.round(rows.length * testFraction);
            if (rows.length > 0 && rows.length - toValid - toTest < 1) {
                throw new IllegalArgumentException("class #" + c + " has only " + rows.length
                        + " rows: with valid_fraction " + validFraction + " and test_fraction " + testFraction
                        + " none would be left to train on");
            }
            for (int i = 0; i < rows.length; i++) {
                if (i < toValid) {
                    valid[nValid++] = rows[i];
                } else if (i < toValid + toTest) {
                    test[nTest++] = rows[i];
                } else {
                    train[nTrain++] = rows[i];
                }
            }
        }
        if (nValid == 0) {
            throw new IllegalArgumentException("valid_fraction " + validFraction + " of " + labels.length
                    + " rows leaves the validation split empty");
        }
        if (testFraction > 0 && nTest == 0) {
            throw new IllegalArgumentException("test_fraction " + testFraction + " of " + labels.length
                    + " rows leaves the test split empty");
        }
        return new StratifiedSplit(sorted(train, nTrain), sorted(valid, nValid), sorted(test, nTest));
    }

    private static int[][] rowsByClass(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " is outside 0.." + (classes - 1));
            }
            counts[label]++;
        }
        int[][] rows = new int[classes][];
        for (int c = 0; c < classes; c++) {
            rows[c] = new int[counts[c]];
        }
        int[] filled = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            rows[labels[i]][filled[labels[i]]++] = i;
        }
        return rows;
    }

    /** Fisher-Yates shuffle drawing from {@code random}. */
    static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    private static int[] sorted(int[] values, int length) {
        int[] copy = Arrays.copyOf(values, length);
        Arrays.sort(copy);
        return copy;
    }
}

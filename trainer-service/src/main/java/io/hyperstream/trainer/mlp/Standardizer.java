package io.hyperstream.trainer.mlp;

/**
 * Per-feature standardization {@code (x - mean) / std}, fitted on the training rows only so that
 * nothing about the validation or test rows leaks into training. Plain Java.
 *
 * @param mean the training mean of each feature
 * @param std  the training (population) standard deviation of each feature; 1 where it is 0,
 *             so a constant feature becomes 0 rather than NaN
 */
public record Standardizer(double[] mean, double[] std) {

    /** Fits on the given rows of {@code features}. */
    public static Standardizer fit(double[][] features, int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot fit a standardizer on no rows");
        }
        int d = features[rows[0]].length;
        double[] mean = new double[d];
        double[] m2 = new double[d];
        int n = 0;
        // Welford's update: stable for features with a large offset.
        for (int row : rows) {
            n++;
            for (int j = 0; j < d; j++) {
                double x = features[row][j];
                double delta = x - mean[j];
                mean[j] += delta / n;
                m2[j] += delta * (x - mean[j]);
            }
        }
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(m2[j] / n);
            std[j] = s > 0 ? s : 1;
        }
        return new Standardizer(mean, std);
    }

    /** The standardized values of the given rows, row-major as floats ({@code rows.length x d}). */
    public float[] transform(double[][] features, int[] rows) {
        int d = mean.length;
        float[] out = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            double[] x = features[rows[i]];
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) ((x[j] - mean[j]) / std[j]);
            }
        }
        return out;
    }
}

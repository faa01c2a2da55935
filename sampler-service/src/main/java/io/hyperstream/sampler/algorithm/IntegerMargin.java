package io.hyperstream.sampler.algorithm;

/**
 * The margin of CMA-ES with Margin (Hamano et al., GECCO 2022; the {@code cmaes} library's
 * {@code CMAwM}) for the discrete coordinates of a search: a point is encoded to the grid value
 * whose cell holds it, and after each update the mean and a per-coordinate scaling {@code A} are
 * corrected so that the probability of leaving the mean's cell stays at least {@code margin}.
 * Without it, CMA-ES on integers tends to fix a coordinate for good once the step size falls
 * below the grid spacing.
 */
final class IntegerMargin {

    private final int[] discrete;
    /** Per discrete coordinate: its grid values, ascending, and the midpoints between neighbours. */
    private final double[][] grids;
    private final double[][] limits;
    private final double[] scale;
    private final double margin;

    /**
     * @param grids per coordinate, its ascending grid values (at least two), or null for a continuous one
     * @param populationSize the population size of the search it corrects
     */
    IntegerMargin(double[][] grids, int populationSize) {
        int n = grids.length;
        int count = 0;
        for (double[] g : grids) {
            if (g != null) {
                count++;
            }
        }
        this.discrete = new int[count];
        this.grids = new double[count][];
        this.limits = new double[count][];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (grids[i] != null) {
                discrete[k] = i;
                this.grids[k] = grids[i].clone();
                double[] mid = new double[grids[i].length - 1];
                for (int j = 0; j < mid.length; j++) {
                    mid[j] = (grids[i][j] + grids[i][j + 1]) / 2;
                }
                limits[k] = mid;
                k++;
            }
        }
        this.scale = new double[n];
        java.util.Arrays.fill(scale, 1.0);
        this.margin = 1.0 / (n * populationSize);
    }

    /** The point to evaluate for a raw point of the search: its discrete coordinates moved onto their grids. */
    double[] encode(double[] x, double[] mean) {
        double[] encoded = x.clone();
        for (int k = 0; k < discrete.length; k++) {
            int i = discrete[k];
            double scaled = (x[i] - mean[i]) * scale[i] + mean[i];
            encoded[i] = grids[k][cell(limits[k], scaled)];
        }
        return encoded;
    }

    /** The index of the grid cell holding v: how many cell limits lie below it. */
    private static int cell(double[] limits, double v) {
        int lo = 0;
        int hi = limits.length;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (limits[m] < v) {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        return lo;
    }

    /** Corrects the mean and scaling of {@code cma} after its update (CMAwM.tell's margin correction). */
    void correct(CmaEs cma) {
        double[] mean = cma.mean;
        double sigma = cma.sigma();
        for (int k = 0; k < discrete.length; k++) {
            int i = discrete[k];
            double[] lim = limits[k];
            double m = mean[i];
            int c = cell(lim, m);
            double low = c == 0 ? lim[0] : lim[c - 1];
            double up = c == lim.length ? lim[lim.length - 1] : lim[c];
            double sd = Math.sqrt(cma.covariance(i));
            double zScale = sigma * scale[i] * sd;
            double lowCdf = Gaussian.cdf((low - m) / zScale);
            double upCdf = 1 - Gaussian.cdf((up - m) / zScale);
            double midCdf = 1 - (lowCdf + upCdf);
            boolean edge = Math.max(lowCdf, upCdf) > 0.5;
            if (edge && Math.min(lowCdf, upCdf) < margin) {
                // The mean sits in an end cell and almost never leaves it: pull it back so that it does with probability margin.
                double dist = sigma * scale[i] * sd * Gaussian.quantile(1 - margin);
                mean[i] = up + Math.signum(m - up) * dist;
            }
            if (edge) {
                continue;
            }
            lowCdf = Math.max(lowCdf, margin / 2);
            upCdf = Math.max(upCdf, margin / 2);
            double total = lowCdf + midCdf + upCdf - 3 * margin / 2;
            double excess = 1 - lowCdf - upCdf - midCdf;
            double modLow = clamp(lowCdf + excess * (lowCdf - margin / 2) / total);
            double modUp = clamp(upCdf + excess * (upCdf - margin / 2) / total);
            double chiLow = -Gaussian.quantile(modLow);
            double chiUp = -Gaussian.quantile(modUp);
            scale[i] = (up - low) / ((chiLow + chiUp) * sigma * sd);
            mean[i] = (low * chiUp + up * chiLow) / (chiLow + chiUp);
        }
    }

    private static double clamp(double p) {
        return Math.max(1e-10, Math.min(0.5 - 1e-10, p));
    }
}

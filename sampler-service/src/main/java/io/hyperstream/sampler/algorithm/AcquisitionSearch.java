package io.hyperstream.sampler.algorithm;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Finds a point of (nearly) maximal log expected improvement under a Gaussian process: scores
 * many random candidates and perturbations of the best observed points in one batch, then climbs
 * from the best few by projected gradient ascent (spectral step lengths, Birgin et al. 2000) on
 * the numeric coordinates, tries every choice of each categorical coordinate, and snaps points to
 * the parameters' grids before comparing them.
 *
 * <p>Coordinates are those of the unit cube, except categorical ones, which hold a choice index.
 */
final class AcquisitionSearch {

    /** Moves a point onto the grid of values its parameters can take (rounding integers and steps). */
    @FunctionalInterface
    interface Snapper {
        void snap(double[] point);
    }

    private static final double VARIANCE_FLOOR = 1e-12;
    private static final double[] PERTURBATION_SCALES = {0.002, 0.02, 0.1};
    private static final int LOCAL_ITERATIONS = 30;
    private static final int SCORING_BLOCK = 32;
    // Climbing stops once a step gains less than this in log EI: a 0.01% change in EI.
    private static final double LOCAL_TOLERANCE = 1e-4;

    private final GaussianProcess gp;
    private final double best;
    private final int[] choices;
    private final Snapper snapper;
    private final int dim;

    /**
     * @param best    the threshold improvement is measured from (the best observed value)
     * @param choices for each coordinate, its number of categorical choices, or 0 if numeric
     */
    AcquisitionSearch(GaussianProcess gp, double best, int[] choices, Snapper snapper) {
        this.gp = gp;
        this.best = best;
        this.choices = choices.clone();
        this.snapper = snapper;
        this.dim = choices.length;
    }

    /**
     * The best point found.
     *
     * @param incumbents    the best observed points, best first, around which local candidates are drawn
     * @param nCandidates   how many candidates are scored in the first pass
     * @param nLocalSearch  from how many of the best candidates a local ascent starts
     */
    double[] maximize(double[][] incumbents, int nCandidates, int nLocalSearch, SplittableRandom random) {
        double[][] candidates = candidates(incumbents, nCandidates, random);
        int[] order = bestCandidates(candidates, Math.max(1, nLocalSearch));
        double[] bestPoint = candidates[order[0]];
        double bestScore = logEi(bestPoint);
        int started = 0;
        for (int rank = 0; rank < order.length && started < nLocalSearch; rank++) {
            double[] start = candidates[order[rank]];
            if (rank > 0 && Arrays.equals(start, candidates[order[rank - 1]])) {
                continue;
            }
            started++;
            double[] point = climb(start);
            snapper.snap(point);
            double score = logEi(point);
            if (hasCategorical()) {
                score = sweepCategories(point, score);
            }
            if (score > bestScore) {
                bestScore = score;
                bestPoint = point;
            }
        }
        return bestPoint.clone();
    }

    /**
     * The indices of the candidates that were scored exactly, best first: the first k are the k
     * candidates of largest log EI. Exact scores cost O(n²) each, so candidates are taken in the
     * order of an upper bound of their score ({@link GaussianProcess#predictMeanAndVarianceBound})
     * and scored until no remaining bound can beat the k-th best exact score.
     */
    int[] bestCandidates(double[][] candidates, int k) {
        int m = candidates.length;
        double[] mean = new double[m];
        double[] varianceBound = new double[m];
        gp.predictMeanAndVarianceBound(GaussianProcess.byDimension(candidates, dim), m, mean, varianceBound);
        double[] bound = new double[m];
        for (int c = 0; c < m; c++) {
            bound[c] = LogExpectedImprovement.value(mean[c], Math.sqrt(Math.max(varianceBound[c], VARIANCE_FLOOR)), best);
        }
        int[] byBound = IntStream.range(0, m).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -bound[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        double[] exact = new double[m];
        double[] topK = new double[k];
        Arrays.fill(topK, Double.NEGATIVE_INFINITY);
        int scored = 0;
        while (scored < m && bound[byBound[scored]] >= topK[0]) {
            int block = Math.min(SCORING_BLOCK, m - scored);
            double[][] points = new double[block][];
            for (int b = 0; b < block; b++) {
                points[b] = candidates[byBound[scored + b]];
            }
            double[] scores = score(points);
            for (int b = 0; b < block; b++) {
                exact[byBound[scored + b]] = scores[b];
                if (scores[b] > topK[0]) {
                    // topK is kept sorted ascending, so topK[0] is the k-th best so far.
                    topK[0] = scores[b];
                    Arrays.sort(topK);
                }
            }
            scored += block;
        }
        return Arrays.stream(byBound, 0, scored).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -exact[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Uniform random points plus Gaussian perturbations of the incumbents, all snapped to the grid. */
    double[][] candidates(double[][] incumbents, int nCandidates, SplittableRandom random) {
        int nLocal = incumbents.length == 0 ? 0 : nCandidates / 4;
        double[][] points = new double[nCandidates][];
        for (int c = 0; c < nCandidates - nLocal; c++) {
            double[] p = new double[dim];
            for (int d = 0; d < dim; d++) {
                p[d] = choices[d] > 0 ? random.nextInt(choices[d]) : random.nextDouble();
            }
            points[c] = p;
        }
        // In many dimensions a perturbation of every coordinate is a long jump; move a few at a time.
        double moveProbability = Math.min(1, 4.0 / dim);
        for (int c = nCandidates - nLocal; c < nCandidates; c++) {
            double[] p = incumbents[c % incumbents.length].clone();
            double scale = PERTURBATION_SCALES[random.nextInt(PERTURBATION_SCALES.length)];
            int forced = random.nextInt(dim);
            for (int d = 0; d < dim; d++) {
                if (d != forced && random.nextDouble() >= moveProbability) {
                    continue;
                }
                if (choices[d] > 0) {
                    p[d] = random.nextInt(choices[d]);
                } else {
                    p[d] = reflect(p[d] + scale * gaussian(random));
                }
            }
            points[c] = p;
        }
        for (double[] p : points) {
            snapper.snap(p);
        }
        return points;
    }

    /** log EI of each point, in one batch. */
    double[] score(double[][] points) {
        int m = points.length;
        double[][] byDim = GaussianProcess.byDimension(points, dim);
        double[] mean = new double[m];
        double[] variance = new double[m];
        gp.predict(byDim, m, mean, variance);
        double[] scores = new double[m];
        for (int c = 0; c < m; c++) {
            scores[c] = LogExpectedImprovement.value(mean[c], Math.sqrt(Math.max(variance[c], VARIANCE_FLOOR)), best);
        }
        return scores;
    }

    double logEi(double[] point) {
        return evaluate(point, new double[dim]);
    }

    /** log EI at a point and its gradient along the numeric coordinates. */
    private double evaluate(double[] point, double[] gradient) {
        double[] out = new double[2];
        double[] meanGradient = new double[dim];
        double[] varianceGradient = new double[dim];
        gp.predictWithGradient(point, out, meanGradient, varianceGradient);
        double variance = out[1];
        boolean floored = variance < VARIANCE_FLOOR;
        double sd = Math.sqrt(floored ? VARIANCE_FLOOR : variance);
        double[] e = new double[3];
        LogExpectedImprovement.valueAndGradient(out[0], sd, best, e);
        for (int d = 0; d < dim; d++) {
            double sdGradient = floored ? 0 : varianceGradient[d] / (2 * sd);
            gradient[d] = choices[d] > 0 ? 0 : e[1] * meanGradient[d] + e[2] * sdGradient;
        }
        return e[0];
    }

    /** Projected gradient ascent in the unit box with Barzilai-Borwein steps and Armijo backtracking. */
    private double[] climb(double[] start) {
        double[] x = start.clone();
        double[] g = new double[dim];
        double f = evaluate(x, g);
        if (!Double.isFinite(f)) {
            return x;
        }
        double step = 0.1 / Math.max(maxAbs(g), 1e-12);
        double[] trial = new double[dim];
        double[] gTrial = new double[dim];
        for (int iteration = 0; iteration < LOCAL_ITERATIONS; iteration++) {
            double[] direction = new double[dim];
            double slope = 0;
            double length = 0;
            for (int d = 0; d < dim; d++) {
                if (choices[d] == 0) {
                    direction[d] = clamp(x[d] + step * g[d]) - x[d];
                    slope += g[d] * direction[d];
                    length = Math.max(length, Math.abs(direction[d]));
                }
            }
            if (length < 1e-7) {
                break;
            }
            double lambda = 1;
            double fTrial = Double.NEGATIVE_INFINITY;
            boolean accepted = false;
            for (int backtrack = 0; backtrack < 12; backtrack++) {
                for (int d = 0; d < dim; d++) {
                    trial[d] = x[d] + lambda * direction[d];
                }
                fTrial = evaluate(trial, gTrial);
                if (fTrial >= f + 1e-4 * lambda * slope) {
                    accepted = true;
                    break;
                }
                lambda *= 0.5;
            }
            if (!accepted) {
                break;
            }
            double ss = 0;
            double sy = 0;
            for (int d = 0; d < dim; d++) {
                double s = trial[d] - x[d];
                ss += s * s;
                // The ascent's gradient difference, negated to describe the minimization of -log EI.
                sy -= s * (gTrial[d] - g[d]);
            }
            step = sy > 0 ? Math.min(Math.max(ss / sy, 1e-8), 1e3) : 1e3;
            double improvement = fTrial - f;
            System.arraycopy(trial, 0, x, 0, dim);
            System.arraycopy(gTrial, 0, g, 0, dim);
            f = fTrial;
            if (improvement < LOCAL_TOLERANCE) {
                break;
            }
        }
        return x;
    }

    /** Tries every choice of every categorical coordinate in turn, keeping whichever scores best. */
    private double sweepCategories(double[] point, double score) {
        double bestScore = score;
        for (int d = 0; d < dim; d++) {
            if (choices[d] == 0) {
                continue;
            }
            double kept = point[d];
            for (int c = 0; c < choices[d]; c++) {
                if (c == kept) {
                    continue;
                }
                point[d] = c;
                double s = logEi(point);
                if (s > bestScore) {
                    bestScore = s;
                    kept = c;
                }
            }
            point[d] = kept;
        }
        return bestScore;
    }

    private boolean hasCategorical() {
        for (int c : choices) {
            if (c > 0) {
                return true;
            }
        }
        return false;
    }

    private static double reflect(double v) {
        double r = Math.abs(v) % 2;
        return r > 1 ? 2 - r : r;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }

    /** A standard normal draw (Box-Muller), from the injected random source only. */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}

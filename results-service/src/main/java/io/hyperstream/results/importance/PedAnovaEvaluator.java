package io.hyperstream.results.importance;

import io.hyperstream.model.spec.CategoricalDistribution;
import io.hyperstream.model.spec.Distribution;
import io.hyperstream.model.spec.FloatDistribution;
import io.hyperstream.model.spec.IntDistribution;
import io.hyperstream.model.spec.ParamSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * PED-ANOVA parameter importance (Watanabe et al., 2023), as Optuna 3.6's
 * {@code PedAnovaImportanceEvaluator} with its defaults: the trials better than the
 * {@code baselineQuantile} of the target (at least 2) are the top trials; for each parameter, a
 * Parzen estimator with Scott's bandwidth is fitted to its values (on a grid of at most 50 points,
 * log-scaled for log parameters; one point per choice for categoricals) among the top trials and
 * among all trials; the Pearson divergence between the two is the parameter's importance, then
 * normalized to sum 1. It fits no model, so it costs milliseconds even for thousands of trials:
 * the method for live views. Deterministic (no randomness).
 */
public final class PedAnovaEvaluator implements ImportanceEvaluator {

    private static final int STEPS = 50;
    private static final double PRIOR_WEIGHT = 1.0;
    private static final int MIN_TOP_TRIALS = 2;
    private static final double SIGMA_MIN = 0.5 / 1.64;
    private static final double PDF_FLOOR = 1e-12;

    private final double baselineQuantile;

    public PedAnovaEvaluator(double baselineQuantile) {
        if (!(baselineQuantile > 0 && baselineQuantile <= 1)) {
            throw new IllegalArgumentException("baselineQuantile must be in (0, 1], but got " + baselineQuantile);
        }
        this.baselineQuantile = baselineQuantile;
    }

    /** Optuna's default: the top 10% of the trials. */
    public PedAnovaEvaluator() {
        this(0.1);
    }

    @Override
    public List<Double> evaluate(List<ParamSpec> params, List<ImportanceTrial> trials, boolean lowerIsBetter) {
        List<Double> importances = new ArrayList<>(params.size());
        if (trials.size() <= MIN_TOP_TRIALS) {
            params.forEach(p -> importances.add(1.0 / params.size()));
            return importances;
        }
        List<ImportanceTrial> top = top(trials, lowerIsBetter);
        double sum = 0;
        for (ParamSpec p : params) {
            double divergence = pearsonDivergence(p, top, trials);
            importances.add(divergence);
            sum += divergence;
        }
        if (!(sum > 0)) {
            importances.replaceAll(v -> 1.0 / params.size());
            return importances;
        }
        return Importances.normalized(importances);
    }

    /** The trials at or better than the baseline quantile of the targets, and at least the best two. */
    List<ImportanceTrial> top(List<ImportanceTrial> trials, boolean lowerIsBetter) {
        double[] losses = trials.stream().mapToDouble(t -> lowerIsBetter ? t.target() : -t.target()).toArray();
        double[] sorted = losses.clone();
        Arrays.sort(sorted);
        int quantileIndex = Math.max(0, (int) Math.ceil(baselineQuantile * sorted.length) - 1);
        double cutoff = Math.max(sorted[MIN_TOP_TRIALS - 1], sorted[quantileIndex]);
        List<ImportanceTrial> top = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            if (losses[i] <= cutoff) {
                top.add(trials.get(i));
            }
        }
        return top;
    }

    private static double pearsonDivergence(ParamSpec param, List<ImportanceTrial> top, List<ImportanceTrial> all) {
        double[] pdfTop = pdf(param, top);
        double[] pdfAll = pdf(param, all);
        double divergence = 0;
        for (int i = 0; i < pdfTop.length; i++) {
            double t = pdfTop[i] + PDF_FLOOR;
            double l = pdfAll[i] + PDF_FLOOR;
            double r = t / l - 1;
            divergence += l * r * r;
        }
        return divergence;
    }

    /** The Parzen estimator's probability of each grid point (or choice). */
    static double[] pdf(ParamSpec param, List<ImportanceTrial> trials) {
        Distribution d = param.distribution();
        if (d instanceof CategoricalDistribution c) {
            double[] counts = new double[c.choices().size()];
            for (ImportanceTrial t : trials) {
                counts[(int) c.toInternal(t.params().get(param.name()))]++;
            }
            return categoricalPdf(counts);
        }
        return numericalPdf(gridCounts(param.name(), d, trials));
    }

    /** How many trials fall on each point of the parameter's grid (each value goes to its nearest point). */
    static double[] gridCounts(String name, Distribution d, List<ImportanceTrial> trials) {
        boolean log;
        double low;
        double high;
        int steps = STEPS;
        if (d instanceof IntDistribution i) {
            log = i.log();
            low = i.low();
            high = i.effectiveHigh();
            steps = log ? Math.min((int) Math.ceil(Math.log(high - low + 1) / Math.log(2)) + 1, STEPS)
                    : (int) Math.min(Math.round((high - low) / i.step()) + 1, STEPS);
        } else {
            FloatDistribution f = (FloatDistribution) d;
            log = f.log();
            low = f.low();
            high = f.effectiveHigh();
            if (f.step() != null) {
                steps = (int) Math.min(Math.round((high - low) / f.step()) + 1, STEPS);
            }
        }
        double lo = log ? Math.log(low) : low;
        double hi = log ? Math.log(high) : high;
        double[] grid = new double[steps];
        for (int k = 0; k < steps; k++) {
            // numpy.linspace: evenly spaced, the last point exactly high.
            grid[k] = k == steps - 1 ? hi : lo + (hi - lo) * k / (steps - 1);
        }
        double half = (grid[1] - grid[0]) / 2;
        double[] counts = new double[steps];
        for (ImportanceTrial t : trials) {
            double v = d.toInternal(t.params().get(name));
            double scaled = (log ? Math.log(v) : v) - half;
            int k = 0;
            while (k < steps && grid[k] < scaled) {
                k++;
            }
            counts[Math.min(k, steps - 1)]++;
        }
        return counts;
    }

    /**
     * Optuna's {@code _ScottParzenEstimator} on the grid 0..n-1: a discretized truncated normal on
     * every occupied point, weighted by its count, with one bandwidth from Scott's rule, plus a wide
     * prior kernel of weight 1.
     */
    static double[] numericalPdf(double[] counts) {
        int n = counts.length;
        List<Integer> mus = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double total = 0;
        for (int k = 0; k < n; k++) {
            if (counts[k] > 0) {
                mus.add(k);
                weights.add(counts[k]);
                total += counts[k];
            }
        }
        double mean = 0;
        for (int j = 0; j < mus.size(); j++) {
            mean += mus.get(j) * weights.get(j) / total;
        }
        double squares = 0;
        for (int j = 0; j < mus.size(); j++) {
            squares += (mus.get(j) - mean) * (mus.get(j) - mean) * weights.get(j);
        }
        double sigmaEstimate = Math.sqrt(squares / Math.max(1, total - 1));
        double[] cumulative = new double[mus.size()];
        double running = 0;
        for (int j = 0; j < mus.size(); j++) {
            running += weights.get(j);
            cumulative[j] = running;
        }
        int q25 = searchSorted(cumulative, Math.floor(total / 4), false);
        int q75 = searchSorted(cumulative, Math.floor(total * 3 / 4), true);
        double interQuartile = mus.get(Math.min(mus.size() - 1, q75)) - mus.get(q25);
        double sigma = Math.max(1.059 * Math.min(interQuartile / 1.34, sigmaEstimate) * Math.pow(total, -0.2),
                SIGMA_MIN);

        double[] kernelMu = new double[mus.size() + 1];
        double[] kernelSigma = new double[mus.size() + 1];
        double[] kernelWeight = new double[mus.size() + 1];
        double weightSum = total + PRIOR_WEIGHT;
        for (int j = 0; j < mus.size(); j++) {
            kernelMu[j] = mus.get(j);
            kernelSigma[j] = sigma;
            kernelWeight[j] = weights.get(j) / weightSum;
        }
        kernelMu[mus.size()] = 0.5 * (n - 1);
        kernelSigma[mus.size()] = n;
        kernelWeight[mus.size()] = PRIOR_WEIGHT / weightSum;

        double[] pdf = new double[n];
        for (int k = 0; k < kernelMu.length; k++) {
            double mu = kernelMu[k];
            double s = kernelSigma[k];
            double accept = Gaussian.mass((-0.5 - mu) / s, (n - 0.5 - mu) / s);
            for (int x = 0; x < n; x++) {
                pdf[x] += kernelWeight[k] * Gaussian.mass((x - 0.5 - mu) / s, (x + 0.5 - mu) / s) / accept;
            }
        }
        return pdf;
    }

    /**
     * Optuna's categorical Parzen estimator: one kernel per observed choice (its count as weight)
     * putting 1 + prior/kernels on that choice and prior/kernels on each other one, and a uniform
     * prior kernel of weight 1.
     */
    static double[] categoricalPdf(double[] counts) {
        int choices = counts.length;
        int observed = 0;
        double total = 0;
        for (double c : counts) {
            if (c > 0) {
                observed++;
                total += c;
            }
        }
        int kernels = observed + 1;
        double weightSum = total + PRIOR_WEIGHT;
        double fill = PRIOR_WEIGHT / kernels;
        double[] pdf = new double[choices];
        for (int k = 0; k < choices; k++) {
            if (counts[k] > 0) {
                double rowSum = fill * choices + 1;
                for (int c = 0; c < choices; c++) {
                    pdf[c] += counts[k] / weightSum * ((c == k ? 1 + fill : fill) / rowSum);
                }
            }
        }
        for (int c = 0; c < choices; c++) {
            pdf[c] += PRIOR_WEIGHT / weightSum / choices;
        }
        return pdf;
    }

    /** numpy.searchsorted: the first index where {@code value} could be inserted keeping order (after equals if right). */
    private static int searchSorted(double[] sorted, double value, boolean right) {
        int i = 0;
        while (i < sorted.length && (right ? sorted[i] <= value : sorted[i] < value)) {
            i++;
        }
        return i;
    }
}

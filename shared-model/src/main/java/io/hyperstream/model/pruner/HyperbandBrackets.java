package io.hyperstream.model.pruner;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Hyperband's brackets and which one each trial belongs to, as Optuna 3.1's
 * {@code HyperbandPruner} computes them: {@code floor(log_eta(max_resource / min_resource)) + 1}
 * brackets; bracket {@code b} is a successive-halving pruner with {@code min_early_stopping_rate = b}
 * and receives a share of the trials proportional to {@code ceil(n * eta^s / (s + 1))} with
 * {@code s = n - 1 - b}; trial {@code t} of study {@code id} goes to the bracket that
 * {@code crc32("id_t") mod (sum of the shares)} falls in.
 *
 * <p>A pure function of its inputs, so the pruner (which judges a trial within its bracket) and
 * the sampler (whose model of a trial sees only the trials of the same bracket) agree without
 * talking to each other.
 */
public final class HyperbandBrackets {

    private final int minResource;
    private final int maxResource;
    private final int reductionFactor;
    private final int[] budgets;
    private final int totalBudget;

    /**
     * @throws IllegalArgumentException unless {@code 1 <= minResource <= maxResource} and
     *                                  {@code reductionFactor >= 2}
     */
    public HyperbandBrackets(int minResource, int maxResource, int reductionFactor) {
        if (minResource < 1) {
            throw new IllegalArgumentException("min_resource must be >= 1, but got " + minResource);
        }
        if (maxResource < minResource) {
            throw new IllegalArgumentException("max_resource must be >= min_resource " + minResource + ", but got "
                    + maxResource);
        }
        if (reductionFactor < 2) {
            throw new IllegalArgumentException("reduction_factor must be >= 2, but got " + reductionFactor);
        }
        this.minResource = minResource;
        this.maxResource = maxResource;
        this.reductionFactor = reductionFactor;
        // Optuna: math.floor(math.log(max_resource / min_resource, reduction_factor)) + 1
        // Math.log as C's log, which Python uses: log(243) / log(3) is 4.999999999999999 there too.
        int n = (int) Math.floor(Math.log((double) maxResource / minResource) / Math.log(reductionFactor)) + 1;
        budgets = new int[n];
        int total = 0;
        for (int b = 0; b < n; b++) {
            int s = n - 1 - b;
            budgets[b] = (int) Math.ceil(n * Math.pow(reductionFactor, s) / (s + 1));
            total += budgets[b];
        }
        totalBudget = total;
    }

    /** How many brackets there are. */
    public int count() {
        return budgets.length;
    }

    /** The share of trials bracket {@code b} receives, out of {@link #totalBudget()}. */
    public int budget(int bracket) {
        return budgets[bracket];
    }

    /** The sum of the brackets' shares. */
    public int totalBudget() {
        return totalBudget;
    }

    public int minResource() {
        return minResource;
    }

    public int maxResource() {
        return maxResource;
    }

    public int reductionFactor() {
        return reductionFactor;
    }

    /** The bracket of trial {@code trialNumber} of study {@code studyId}, from 0. */
    public int bracket(String studyId, int trialNumber) {
        CRC32 crc = new CRC32();
        crc.update((studyId + "_" + trialNumber).getBytes(StandardCharsets.UTF_8));
        long n = crc.getValue() % totalBudget;
        for (int b = 0; b < budgets.length; b++) {
            n -= budgets[b];
            if (n < 0) {
                return b;
            }
        }
        throw new IllegalStateException("unreachable: the shares sum to " + totalBudget);
    }

    @Override
    public String toString() {
        return "HyperbandBrackets(min_resource=" + minResource + ", max_resource=" + maxResource + ", reduction_factor="
                + reductionFactor + ", budgets=" + Arrays.toString(budgets) + ")";
    }
}

package io.hyperstream.results.service;

import io.hyperstream.model.spec.Direction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The non-dominated trials among complete ones (Optuna's {@code best_trials}): those that no other
 * trial beats or equals in every objective while beating them in one, each objective taken in
 * its own direction.
 */
public final class ParetoFront {

    private ParetoFront() {
    }

    /**
     * The non-dominated trials of {@code trials}, sorted by number. A trial without exactly one
     * finite value per direction is left out, as a non-finite value is never best. Trials with
     * equal values are all kept.
     */
    public static List<BestTrial> of(List<BestTrial> trials, List<Direction> directions) {
        record Candidate(BestTrial trial, double[] losses) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (BestTrial t : trials) {
            double[] losses = losses(t.values(), directions);
            if (losses != null) {
                candidates.add(new Candidate(t, losses));
            }
        }
        // In lexicographic order of the losses, a trial can only be dominated by one before it,
        // and a trial dominated by a dominated trial is dominated by a front member too: each
        // trial is compared with the front found so far, not with every other trial.
        candidates.sort(Comparator.comparing(Candidate::losses, Arrays::compare)
                .thenComparingInt(c -> c.trial().number()));
        List<Candidate> front = new ArrayList<>();
        for (Candidate c : candidates) {
            if (front.stream().noneMatch(f -> dominates(f.losses(), c.losses()))) {
                front.add(c);
            }
        }
        return front.stream().map(Candidate::trial).sorted(Comparator.comparingInt(BestTrial::number)).toList();
    }

    /** The values turned so that lower is better in each objective, or null if they cannot be ranked. */
    private static double[] losses(List<Double> values, List<Direction> directions) {
        if (values == null || values.size() != directions.size() || directions.isEmpty()) {
            return null;
        }
        double[] losses = new double[values.size()];
        for (int m = 0; m < losses.length; m++) {
            Double v = values.get(m);
            if (v == null || !Double.isFinite(v)) {
                return null;
            }
            losses[m] = directions.get(m) == Direction.MAXIMIZE ? -v : v;
        }
        return losses;
    }

    private static boolean dominates(double[] a, double[] b) {
        boolean strictly = false;
        for (int m = 0; m < a.length; m++) {
            if (a[m] > b[m]) {
                return false;
            }
            strictly |= a[m] < b[m];
        }
        return strictly;
    }
}

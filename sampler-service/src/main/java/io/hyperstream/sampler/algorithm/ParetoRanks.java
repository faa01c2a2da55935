package io.hyperstream.sampler.algorithm;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import java.util.List;

/** Non-domination ranks of trials under several objectives (0 = on the Pareto front). */
final class ParetoRanks {

    private ParetoRanks() {
    }

    /** The rank of each trial; trials that are not complete rank last. */
    static double[] ranks(List<FrozenTrial> trials, List<Direction> directions) {
        int n = trials.size();
        double[][] losses = new double[n][];
        for (int i = 0; i < n; i++) {
            FrozenTrial t = trials.get(i);
            if (t.state() == TrialState.COMPLETE && t.values().size() == directions.size()) {
                losses[i] = new double[directions.size()];
                for (int m = 0; m < directions.size(); m++) {
                    double v = t.values().get(m);
                    losses[i][m] = directions.get(m) == Direction.MAXIMIZE ? -v : v;
                }
            }
        }
        double[] rank = new double[n];
        boolean[] assigned = new boolean[n];
        int remaining = 0;
        for (int i = 0; i < n; i++) {
            if (losses[i] == null) {
                rank[i] = Double.POSITIVE_INFINITY;
                assigned[i] = true;
            } else {
                remaining++;
            }
        }
        for (int front = 0; remaining > 0; front++) {
            boolean[] inFront = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (assigned[i]) {
                    continue;
                }
                boolean dominated = false;
                for (int j = 0; j < n && !dominated; j++) {
                    dominated = j != i && !assigned[j] && dominates(losses[j], losses[i]);
                }
                inFront[i] = !dominated;
            }
            for (int i = 0; i < n; i++) {
                if (inFront[i]) {
                    rank[i] = front;
                    assigned[i] = true;
                    remaining--;
                }
            }
        }
        return rank;
    }

    static boolean dominates(double[] a, double[] b) {
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

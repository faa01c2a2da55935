package io.hyperstream.pruner.algorithm;

import io.hyperstream.model.spec.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Optuna's {@code PatientPruner}: a trial whose best value over its latest {@code patience + 1}
 * reports is worse than its best value before them, by more than {@code minDelta}, has stalled;
 * a stalled trial is pruned (without a wrapped pruner) or judged by the wrapped pruner. A trial
 * that has not stalled (or equalled its earlier best) is never pruned.
 */
public final class PatientPruner implements Pruner {

    private final Pruner wrapped;
    private final int patience;
    private final double minDelta;

    /** @param wrapped the pruner that judges a stalled trial; null to prune every stalled trial */
    public PatientPruner(Pruner wrapped, int patience, double minDelta) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, but got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("min_delta must be >= 0, but got " + minDelta);
        }
        this.wrapped = wrapped;
        this.patience = patience;
        this.minDelta = minDelta;
    }

    @Override
    public Verdict prune(StudyView study, TrialView trial) {
        OptionalInt step = trial.lastStep();
        if (step.isEmpty()) {
            return Verdict.keep("no intermediate value reported yet");
        }
        Map<Integer, Double> values = trial.intermediateValues();
        if (values.size() <= patience + 1) {
            return Verdict.keep(values.size() + " report(s), not more than patience + 1 = " + (patience + 1));
        }
        List<Double> ordered = new ArrayList<>(values.values());
        int split = ordered.size() - patience - 1;
        Direction direction = study.direction();
        double before = best(ordered.subList(0, split), direction);
        double after = best(ordered.subList(split, ordered.size()), direction);
        // NaN compares false: a trial without a finite value on either side has not stalled (numpy's nanmin).
        boolean stalled = direction == Direction.MINIMIZE ? before + minDelta < after : before - minDelta > after;
        String summary = "best " + Steps.format(after) + " over the last " + (patience + 1) + " reports against "
                + Steps.format(before) + " before (min_delta " + Steps.format(minDelta) + ", " + direction.jsonName() + ")";
        if (!stalled) {
            return Verdict.keep("not stalled: " + summary);
        }
        if (wrapped == null) {
            return Verdict.stop("no improvement within patience " + patience + ": " + summary);
        }
        Verdict inner = wrapped.prune(study, trial);
        return new Verdict(inner.prune(), "no improvement within patience " + patience + ", and the wrapped pruner: "
                + inner.reason());
    }

    private static double best(List<Double> values, Direction direction) {
        double best = Double.NaN;
        for (double v : values) {
            if (!Double.isNaN(v) && (Double.isNaN(best) || direction.isBetter(v, best))) {
                best = v;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "patient(patience=" + patience + ", min_delta=" + Steps.format(minDelta) + ", wrapped="
                + (wrapped == null ? "none" : wrapped.toString()) + ")";
    }
}

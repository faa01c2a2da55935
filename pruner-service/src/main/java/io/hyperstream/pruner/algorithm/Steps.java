package io.hyperstream.pruner.algorithm;

import io.hyperstream.model.spec.Direction;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/** What several pruners compute from a trial's reported steps, as Optuna's {@code pruners/_utils}. */
final class Steps {

    private Steps() {
    }

    /**
     * Whether {@code step} is the first step the trial reported at or after the latest pruning
     * step (Optuna's {@code _is_first_in_interval_step}): a check missed because nothing was
     * reported at the pruning step itself happens at the next report.
     */
    static boolean isFirstInInterval(int step, Set<Integer> reportedSteps, int nWarmupSteps, int intervalSteps) {
        int nearestLowerPruningStep = (step - nWarmupSteps) / intervalSteps * intervalSteps + nWarmupSteps;
        int secondLastStep = -1;
        for (int s : reportedSteps) {
            if (s > secondLastStep && s != step) {
                secondLastStep = s;
            }
        }
        return secondLastStep < nearestLowerPruningStep;
    }

    /** The trial's best reported value, ignoring NaN (NaN if every value is NaN). */
    static double bestValue(TrialView trial, Direction direction) {
        double best = Double.NaN;
        for (double v : trial.intermediateValues().values()) {
            if (!Double.isNaN(v) && (Double.isNaN(best) || direction.isBetter(v, best))) {
                best = v;
            }
        }
        return best;
    }

    /** Six significant digits, without trailing zeros. */
    static String format(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new BigDecimal(String.format(Locale.ROOT, "%.6g", v)).stripTrailingZeros().toPlainString();
    }
}

package io.hyperstream.pruner.algorithm;

import io.hyperstream.model.pruner.PrunerSettings;
import io.hyperstream.model.spec.Direction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Optuna 3.1's {@code SuccessiveHalvingPruner}: asynchronous successive halving (ASHA). Rung
 * {@code k} is at step {@code min_resource * eta^(min_early_stopping_rate + k)}; a trial that
 * reaches a rung goes on only if its value there is among the best {@code 1/eta} of the values
 * every trial (running ones included) had on reaching that rung, or the best of them while fewer
 * than {@code eta} have; otherwise it is pruned.
 *
 * <p>Optuna records each trial's value at each rung it reached; here the same value is read from
 * the trial's reports (its first report at or after the rung's step), so the pruner keeps no state
 * and a replay of the reports gives the same decisions. Two departures from Optuna, both
 * documented in the README: {@code min_resource: auto} is resolved from the objective's
 * {@code max_epochs} up front rather than from the first trial to complete; and a rung prunes
 * nothing until at least {@code min_reports} other trials have reached it (Optuna judges the
 * second trial to reach a rung against the first alone). {@code bootstrap_count} keeps Optuna's
 * meaning: until that many trials have reached a rung, the trials reaching it are pruned.
 */
public final class SuccessiveHalvingPruner implements Pruner {

    private final PrunerSettings.SuccessiveHalving settings;

    public SuccessiveHalvingPruner(PrunerSettings.SuccessiveHalving settings) {
        if (settings.minResource() < 1 || settings.reductionFactor() < 2 || settings.minEarlyStoppingRate() < 0
                || settings.bootstrapCount() < 0 || settings.minReports() < 0) {
            throw new IllegalArgumentException("invalid successive-halving settings " + settings);
        }
        this.settings = settings;
    }

    @Override
    public Verdict prune(StudyView study, TrialView trial) {
        NavigableMap<Integer, Double> values = navigable(trial.intermediateValues());
        if (values.isEmpty()) {
            return Verdict.keep("no intermediate value reported yet");
        }
        int step = values.lastKey();
        double value = values.get(step);
        Integer previous = values.lowerKey(step);
        // Rungs whose step the trial had reached before this report were judged then.
        int rung = 0;
        while (previous != null && settings.rungStep(rung) <= previous) {
            rung++;
        }
        if (step < settings.rungStep(rung)) {
            return Verdict.keep("rung " + rung + " is at step " + settings.rungStep(rung) + "; step " + step
                    + " is before it");
        }
        if (Double.isNaN(value)) {
            return Verdict.stop("value at step " + step + " (rung " + rung + ") is NaN");
        }
        Direction direction = study.direction();
        StringBuilder promoted = new StringBuilder();
        for (; settings.rungStep(rung) <= step; rung++) {
            List<Double> competing = rungValues(study, trial.number(), rung);
            int others = competing.size();
            competing.add(value);
            String at = "rung " + rung + " (step " + settings.rungStep(rung) + ")";
            if (competing.size() <= settings.bootstrapCount()) {
                return Verdict.stop(competing.size() + " trial(s) reached " + at + ", not more than bootstrap_count "
                        + settings.bootstrapCount());
            }
            if (others < settings.minReports()) {
                promoted.append(others).append(" other trial(s) reached ").append(at).append(", fewer than min_reports ")
                        .append(settings.minReports()).append(": promoted; ");
                continue;
            }
            int top = Math.max(competing.size() / settings.reductionFactor(), 1);
            if (!isPromotable(value, competing, top, direction)) {
                return Verdict.stop(promoted + "value " + Steps.format(value) + " at " + at + " is not in the best "
                        + top + " of " + competing.size() + " trials there (reduction_factor " + settings.reductionFactor()
                        + ", " + direction.jsonName() + ")");
            }
            promoted.append("value ").append(Steps.format(value)).append(" at ").append(at).append(" is in the best ")
                    .append(top).append(" of ").append(competing.size()).append(": promoted; ");
        }
        return Verdict.keep(promoted + "next rung " + rung + " at step " + settings.rungStep(rung));
    }

    /** Optuna's {@code _is_trial_promotable_to_next_rung}: {@code value} is within the best {@code top} of {@code competing}. */
    static boolean isPromotable(double value, List<Double> competing, int top, Direction direction) {
        List<Double> sorted = new ArrayList<>(competing);
        Collections.sort(sorted);
        return direction == Direction.MAXIMIZE ? value >= sorted.get(sorted.size() - top) : value <= sorted.get(top - 1);
    }

    /**
     * The values the other trials had at {@code rung}: each one's first report at or after the
     * rung's step, NaN left out (Optuna prunes a NaN before recording it).
     */
    private List<Double> rungValues(StudyView study, int exclude, int rung) {
        long rungStep = settings.rungStep(rung);
        List<Double> values = new ArrayList<>();
        if (rungStep > Integer.MAX_VALUE) {
            return values;
        }
        for (TrialView t : study.trials()) {
            if (t.number() == exclude) {
                continue;
            }
            Map.Entry<Integer, Double> first = navigable(t.intermediateValues()).ceilingEntry((int) rungStep);
            if (first != null && !Double.isNaN(first.getValue())) {
                values.add(first.getValue());
            }
        }
        return values;
    }

    private static NavigableMap<Integer, Double> navigable(Map<Integer, Double> values) {
        return values instanceof NavigableMap<Integer, Double> n ? n : new TreeMap<>(values);
    }

    @Override
    public String toString() {
        return "sha(min_resource=" + settings.minResource() + (settings.autoMinResource() ? " (auto)" : "")
                + ", reduction_factor=" + settings.reductionFactor() + ", min_early_stopping_rate="
                + settings.minEarlyStoppingRate() + ", bootstrap_count=" + settings.bootstrapCount() + ", min_reports="
                + settings.minReports() + ")";
    }
}

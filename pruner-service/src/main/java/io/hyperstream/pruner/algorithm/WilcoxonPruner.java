package io.hyperstream.pruner.algorithm;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Optuna's {@code WilcoxonPruner} (added in Optuna 3.6): a one-sided Wilcoxon signed-rank test of
 * the trial's values against those of the best completed trial at the steps both reported. The
 * trial is pruned when the test says it is worse with p below {@code pThreshold}, unless its mean
 * value is at least as good as the best trial's (Optuna's safety net). Nothing is judged before
 * {@code nStartupSteps} shared steps, while no trial is complete, or when either trial reported a
 * NaN or infinite value.
 *
 * <p>Optuna designed it for steps that are independent evaluations (folds, instances); on
 * learning curves, where consecutive epochs are correlated, it prunes later than a rung-based
 * pruner. The best trial is the completed trial with the best final value (the lowest number
 * among equals).
 */
public final class WilcoxonPruner implements Pruner {

    private final double pThreshold;
    private final int nStartupSteps;

    public WilcoxonPruner(double pThreshold, int nStartupSteps) {
        if (!(pThreshold >= 0 && pThreshold <= 1)) {
            throw new IllegalArgumentException("p_threshold must be between 0 and 1, but got " + pThreshold);
        }
        if (nStartupSteps < 0) {
            throw new IllegalArgumentException("n_startup_steps must be >= 0, but got " + nStartupSteps);
        }
        this.pThreshold = pThreshold;
        this.nStartupSteps = nStartupSteps;
    }

    @Override
    public Verdict prune(StudyView study, TrialView trial) {
        Map<Integer, Double> values = trial.intermediateValues();
        if (values.isEmpty()) {
            return Verdict.keep("no intermediate value reported yet");
        }
        if (!allFinite(values)) {
            return Verdict.keep("the trial reported a NaN or infinite value, which the test cannot rank");
        }
        Direction direction = study.direction();
        TrialView best = bestTrial(study, direction);
        if (best == null) {
            return Verdict.keep("no trial is complete yet");
        }
        if (best.intermediateValues().isEmpty()) {
            return Verdict.keep("the best trial " + best.number() + " reported no intermediate value");
        }
        if (!allFinite(best.intermediateValues())) {
            return Verdict.keep("the best trial " + best.number() + " reported a NaN or infinite value");
        }
        List<Double> differences = new ArrayList<>();
        for (Map.Entry<Integer, Double> e : values.entrySet()) {
            Double other = best.intermediateValues().get(e.getKey());
            if (other != null) {
                differences.add(e.getValue() - other);
            }
        }
        if (differences.size() < nStartupSteps) {
            return Verdict.keep(differences.size() + " step(s) shared with the best trial " + best.number()
                    + ", fewer than n_startup_steps " + nStartupSteps);
        }
        boolean maximize = direction == Direction.MAXIMIZE;
        double p = SignedRankTest.pValue(differences.stream().mapToDouble(Double::doubleValue).toArray(),
                maximize ? SignedRankTest.Alternative.LESS : SignedRankTest.Alternative.GREATER);
        double trialMean = mean(values);
        double bestMean = mean(best.intermediateValues());
        boolean averageIsBest = maximize ? bestMean <= trialMean : bestMean >= trialMean;
        String test = "signed-rank test against the best trial " + best.number() + " over " + differences.size()
                + " shared steps: p = " + Steps.format(p) + " (p_threshold " + Steps.format(pThreshold) + ")";
        if (p < pThreshold && averageIsBest) {
            return Verdict.keep(test + ", but the trial's mean " + Steps.format(trialMean)
                    + " is not worse than the best trial's " + Steps.format(bestMean));
        }
        if (p < pThreshold) {
            return Verdict.stop(test + ": worse than the best trial (" + direction.jsonName() + ")");
        }
        return Verdict.keep(test);
    }

    private static TrialView bestTrial(StudyView study, Direction direction) {
        TrialView best = null;
        for (TrialView t : study.trials(TrialState.COMPLETE)) {
            if (t.values().isEmpty() || Double.isNaN(t.values().get(0))) {
                continue;
            }
            if (best == null || direction.isBetter(t.values().get(0), best.values().get(0))) {
                best = t;
            }
        }
        return best;
    }

    private static boolean allFinite(Map<Integer, Double> values) {
        return values.values().stream().allMatch(Double::isFinite);
    }

    private static double mean(Map<Integer, Double> values) {
        double sum = 0;
        for (double v : values.values()) {
            sum += v;
        }
        return sum / values.size();
    }

    @Override
    public String toString() {
        return "wilcoxon(p_threshold=" + Steps.format(pThreshold) + ", n_startup_steps=" + nStartupSteps + ")";
    }
}

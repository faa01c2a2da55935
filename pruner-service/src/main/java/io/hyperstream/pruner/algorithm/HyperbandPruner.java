package io.hyperstream.pruner.algorithm;

import io.hyperstream.model.pruner.HyperbandBrackets;
import io.hyperstream.model.pruner.PrunerSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Optuna 3.1's {@code HyperbandPruner}: the trials are spread over brackets
 * ({@link HyperbandBrackets}, deterministic per study id and trial number), and each bracket is
 * a {@link SuccessiveHalvingPruner} of its own, with {@code min_early_stopping_rate} equal to its
 * index, that sees only the trials of its bracket. {@code max_resource: auto} is the objective's
 * {@code max_epochs} (Optuna waits for a trial to complete and takes its last step + 1).
 */
public final class HyperbandPruner implements Pruner {

    private final PrunerSettings.Hyperband settings;
    private final HyperbandBrackets brackets;
    private final List<SuccessiveHalvingPruner> pruners = new ArrayList<>();

    public HyperbandPruner(PrunerSettings.Hyperband settings) {
        this.settings = settings;
        this.brackets = settings.brackets();
        for (int b = 0; b < brackets.count(); b++) {
            pruners.add(new SuccessiveHalvingPruner(settings.bracket(b)));
        }
    }

    @Override
    public Verdict prune(StudyView study, TrialView trial) {
        int bracket = brackets.bracket(study.studyId(), trial.number());
        List<TrialView> same = new ArrayList<>();
        for (TrialView t : study.trials()) {
            if (t.number() == trial.number() || brackets.bracket(study.studyId(), t.number()) == bracket) {
                same.add(t);
            }
        }
        Verdict verdict = pruners.get(bracket).prune(new StudyView(study.studyId(), study.directions(), same), trial);
        return new Verdict(verdict.prune(), "bracket " + bracket + " of " + brackets.count() + ": " + verdict.reason());
    }

    /** The brackets this pruner spreads trials over. */
    public HyperbandBrackets brackets() {
        return brackets;
    }

    @Override
    public String toString() {
        return "hyperband(min_resource=" + settings.minResource() + ", max_resource=" + settings.maxResource()
                + (settings.autoMaxResource() ? " (auto)" : "") + ", reduction_factor=" + settings.reductionFactor()
                + ", bootstrap_count=" + settings.bootstrapCount() + ", min_reports=" + settings.minReports()
                + ", brackets=" + brackets.count() + ")";
    }
}

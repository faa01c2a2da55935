package io.hyperstream.pruner.algorithm;

import static io.hyperstream.pruner.algorithm.Trials.prune;
import static io.hyperstream.pruner.algorithm.Trials.trial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Optuna's PatientPruner: best of the last patience + 1 reports against the best before them. */
class PatientPrunerTest {

    @Test
    void prunesATrialThatStoppedImprovingWhenAlone() {
        Pruner patient = new PatientPruner(null, 2, 0);
        // Minimizing: best before the last 3 reports is 3; the last three 4, 5, 3.5 never beat it.
        assertThat(prune(patient, Direction.MINIMIZE, List.of(), trial(0, TrialState.RUNNING, 5, 3, 4, 5, 3.5)))
                .isEqualTo(Verdict.stop("no improvement within patience 2: best 3.5 over the last 3 reports against 3"
                        + " before (min_delta 0, minimize)"));
        assertThat(prune(patient, Direction.MINIMIZE, List.of(), trial(0, TrialState.RUNNING, 5, 3, 4, 5, 2.9)).prune())
                .isFalse();
        // Maximizing: 4.5 after 5 has stalled; equalling 5 has not (Optuna compares strictly).
        assertThat(prune(patient, Direction.MAXIMIZE, List.of(), trial(0, TrialState.RUNNING, 5, 3, 4, 4.5, 3.5)).prune())
                .isTrue();
        assertThat(prune(patient, Direction.MAXIMIZE, List.of(), trial(0, TrialState.RUNNING, 5, 3, 4, 5, 3.5)).prune())
                .isFalse();
        assertThat(prune(patient, Direction.MAXIMIZE, List.of(), trial(0, TrialState.RUNNING, 5, 3, 4, 5.1, 3.5)).prune())
                .isFalse();
    }

    @Test
    void waitsForMoreThanPatiencePlusOneReports() {
        Pruner patient = new PatientPruner(null, 2, 0);
        assertThat(prune(patient, Direction.MINIMIZE, List.of(), trial(0, TrialState.RUNNING, 1, 9, 9)))
                .isEqualTo(Verdict.keep("3 report(s), not more than patience + 1 = 3"));
    }

    @Test
    void minDeltaIsHowMuchWorseATrialMayGetAsInOptuna() {
        // The last two reports' best, 3.05, is worse than 3 by 0.05: stalled with min_delta 0, not with 0.1.
        TrialView t = trial(0, TrialState.RUNNING, 3, 3.5, 3.05);
        assertThat(prune(new PatientPruner(null, 1, 0), Direction.MINIMIZE, List.of(), t).prune()).isTrue();
        assertThat(prune(new PatientPruner(null, 1, 0.1), Direction.MINIMIZE, List.of(), t).prune()).isFalse();
    }

    @Test
    void aStalledTrialIsJudgedByTheWrappedPruner() {
        Pruner patient = new PatientPruner(new ThresholdPruner(Double.NEGATIVE_INFINITY, 4, 0, 1), 1, 0);
        // Stalled at 3.5 after 3, but within the threshold: kept; stalled at 4.5: pruned by the threshold.
        Verdict kept = prune(patient, Direction.MINIMIZE, List.of(), trial(0, TrialState.RUNNING, 3, 3.5, 3.5));
        assertThat(kept.prune()).isFalse();
        assertThat(kept.reason()).isEqualTo("no improvement within patience 1, and the wrapped pruner: value 3.5 at"
                + " step 3 is within [-Infinity, 4]");
        assertThat(prune(patient, Direction.MINIMIZE, List.of(), trial(0, TrialState.RUNNING, 3, 4.5, 4.5)).prune()).isTrue();
        // Improving: the wrapped pruner is not asked, whatever the value.
        assertThat(prune(patient, Direction.MINIMIZE, List.of(), trial(0, TrialState.RUNNING, 9, 8, 7)).prune()).isFalse();
    }

    @Test
    void rejectsNegativeOptions() {
        assertThatThrownBy(() -> new PatientPruner(null, -1, 0)).hasMessage("patience must be >= 0, but got -1");
        assertThatThrownBy(() -> new PatientPruner(null, 1, -0.1)).hasMessage("min_delta must be >= 0, but got -0.1");
    }
}

package io.hyperstream.pruner.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.PruneVerdict;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudyCompleted;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialFailed;
import io.hyperstream.model.event.TrialPruned;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.model.spec.StudySpecReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PruningServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-29T01:00:00Z");

    private final PruningService service = new PruningService(Clock.fixed(NOW, ZoneOffset.UTC), 2);

    private static StudySpec spec(String pruner, String direction) {
        return StudySpecReader.read("""
                name: p
                directions: %s
                search_space: [{name: x, type: float, low: 0, high: 1}]
                pruner: %s
                objective: {kind: synthetic, metrics: %s, max_epochs: 5}
                budget: {n_trials: 10}
                """.formatted(direction, pruner, direction.contains(",") ? "[a, b]" : "[value]"));
    }

    private void accept(String study, String pruner) {
        service.onStudyEvent(new StudyAccepted(Events.newId(), study, NOW, spec(pruner, "[minimize]")));
    }

    private Optional<PruneVerdict> report(String study, int trial, int epoch, double value) {
        return service.onTrialEvent(new EpochReported(Events.newId(), study, trial, NOW, "t", epoch, List.of(value), Map.of()));
    }

    private void complete(String study, int trial) {
        service.onTrialEvent(new TrialCompleted(Events.newId(), study, trial, NOW, "t", List.of(1.0), Map.of(), 2));
    }

    /** Two complete trials that reported 1 and 2 at epochs 1 and 2: median 1.5 at each. */
    private void twoCompleteTrials(String study) {
        for (int trial = 0; trial < 2; trial++) {
            service.onTrialEvent(new TrialStarted(Events.newId(), study, trial, NOW, "t", Map.of()));
            report(study, trial, 1, 1 + trial);
            report(study, trial, 2, 1 + trial);
            complete(study, trial);
        }
    }

    @Test
    void answersEachReportOfAPrunedStudyWithAVerdict() {
        accept("s", "{type: median, options: {n_startup_trials: 2}}");
        PruneVerdict first = report("s", 0, 1, 5).orElseThrow();
        assertThat(first).isEqualTo(new PruneVerdict(first.eventId(), "s", 0, NOW, 1, false,
                "start-up: no trial is complete yet"));
        complete("s", 0);
        assertThat(report("s", 1, 1, 5).orElseThrow().reason()).isEqualTo("start-up: 1 of n_startup_trials 2 trials complete");
        complete("s", 1);

        PruneVerdict worse = report("s", 2, 1, 9).orElseThrow();
        PruneVerdict better = report("s", 3, 1, 1).orElseThrow();

        assertThat(worse.prune()).isTrue();
        assertThat(worse.reason()).isEqualTo(
                "best value 9 up to step 1 is worse than the median 5 of 2 completed trials at that step (minimize)");
        assertThat(better.prune()).isFalse();
    }

    @Test
    void onlyCompleteTrialsCountForStartUp() {
        accept("s", "{type: median, options: {n_startup_trials: 2}}");
        report("s", 0, 1, 1);
        report("s", 1, 1, 1);
        complete("s", 0);
        service.onTrialEvent(new TrialPruned(Events.newId(), "s", 1, NOW, "t", 1, List.of(1.0)));
        service.onTrialEvent(new TrialFailed(Events.newId(), "s", 2, NOW, "t", "boom"));

        assertThat(report("s", 3, 1, 100).orElseThrow().reason()).isEqualTo("start-up: 1 of n_startup_trials 2 trials complete");
    }

    @Test
    void aRepeatedReportKeepsTheFirstValueAndIsAnsweredAgain() {
        accept("s", "{type: median, options: {n_startup_trials: 2}}");
        twoCompleteTrials("s");

        assertThat(report("s", 2, 1, 1).orElseThrow().prune()).isFalse();
        // The same epoch again, with a worse value: ignored, the verdict is the first value's.
        PruneVerdict again = report("s", 2, 1, 100).orElseThrow();
        assertThat(again.prune()).isFalse();
        assertThat(again.reason()).startsWith("best value 1 up to step 1");
    }

    @Test
    void aTrialRunAgainIsJudgedOnWhatItsNewAttemptReports() {
        accept("s", "{type: median, options: {n_startup_trials: 2}}");
        twoCompleteTrials("s");
        // Attempt 1 of trial 2 reported a good value at epoch 1, then its trainer died.
        service.onTrialEvent(new TrialStarted(Events.newId(), "s", 2, NOW, "t1", Map.of()));
        assertThat(report("s", 2, 1, 0.5).orElseThrow().prune()).isFalse();

        // Attempt 2 starts afresh: its own (worse) value at epoch 1 is what the pruner judges.
        service.onTrialEvent(new TrialStarted(Events.newId(), "s", 2, NOW, "t2", Map.of(), 2));
        PruneVerdict rerun = attemptReport(2, 1, 9.0);
        assertThat(rerun.prune()).isTrue();
        assertThat(rerun.reason()).startsWith("best value 9 up to step 1");

        // A late report of the replaced attempt is not recorded, and is told to go on (a prune would end the trial).
        PruneVerdict stale = report("s", 2, 2, 100).orElseThrow();
        assertThat(stale.prune()).isFalse();
        assertThat(stale.reason()).isEqualTo("attempt 1 of trial 2 was replaced by attempt 2");
        assertThat(attemptReport(2, 2, 0.1).reason()).startsWith("best value 0.1 up to step 2");
    }

    private PruneVerdict attemptReport(int attempt, int epoch, double value) {
        return service.onTrialEvent(new EpochReported(Events.newId(), "s", 2, NOW, "t2", epoch, List.of(value), Map.of(),
                attempt)).orElseThrow();
    }

    @Test
    void aRepeatedTerminalEventChangesNothing() {
        accept("s", "{type: median, options: {n_startup_trials: 1}}");
        report("s", 0, 1, 1);
        service.onTrialEvent(new TrialFailed(Events.newId(), "s", 0, NOW, "t", "boom"));
        complete("s", 0);

        assertThat(report("s", 1, 1, 100).orElseThrow().reason()).isEqualTo("start-up: no trial is complete yet");
    }

    @Test
    void aStudyWithoutPruningGetsNoVerdicts() {
        accept("none-study", "{type: none}");
        accept("nop-study", "{type: nop}");
        assertThat(report("none-study", 0, 1, 1)).isEmpty();
        assertThat(report("nop-study", 0, 1, 1)).isEmpty();
        assertThat(service.studies()).extracting(StudySummary::verdicts).containsExactly(false, false);
    }

    @Test
    void aReportOfAnUnknownStudyIsAnsweredGoOn() {
        PruneVerdict verdict = report("nobody", 3, 2, 1).orElseThrow();
        assertThat(verdict.prune()).isFalse();
        assertThat(verdict.reason()).isEqualTo("study unknown to the pruner");
        assertThat(verdict.trialNumber()).isEqualTo(3);
        assertThat(verdict.epoch()).isEqualTo(2);
    }

    @Test
    void badPrunerOptionsAreAnsweredGoOnWithTheReason() {
        accept("s", "{type: median, options: {n_warmup: 2}}");
        PruneVerdict verdict = report("s", 0, 1, 1).orElseThrow();
        assertThat(verdict.prune()).isFalse();
        assertThat(verdict.reason()).isEqualTo("the pruner could not be built: pruner.options.n_warmup is not an option "
                + "of the median pruner; its options are [interval_steps, n_min_trials, n_startup_trials, n_warmup_steps]");
        accept("t", "{type: hyperband}");
        assertThat(report("t", 0, 1, 1).orElseThrow().reason())
                .isEqualTo("the pruner could not be built: pruner.type 'hyperband' is unknown; known pruners: "
                        + "[none, nop, median, percentile]");
    }

    @Test
    void aMultiObjectiveStudyIsNotPruned() {
        service.onStudyEvent(new StudyAccepted(Events.newId(), "mo", NOW, spec("{type: median}", "[minimize, maximize]")));
        PruneVerdict verdict = service.onTrialEvent(new EpochReported(Events.newId(), "mo", 0, NOW, "t", 1,
                List.of(1.0, 2.0), Map.of())).orElseThrow();
        assertThat(verdict.prune()).isFalse();
        assertThat(verdict.reason()).contains("the study has 2 directions", "pruning needs a single-objective study");
    }

    @Test
    void aReportWithoutValuesIsMalformed() {
        accept("s", "{type: median}");
        assertThatThrownBy(() -> service.onTrialEvent(new EpochReported(Events.newId(), "s", 0, NOW, "t", 1, List.of(), Map.of())))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("values: an epoch report needs one objective value per study direction, but got []");
    }

    @Test
    void studyCompletedDropsTheStateAndLateEventsDoNotBringItBack() {
        accept("s", "{type: median, options: {n_startup_trials: 2}}");
        twoCompleteTrials("s");
        service.onStudyEvent(new StudyCompleted(Events.newId(), "s", NOW, "budget reached", 2));

        assertThat(service.studies()).isEmpty();
        assertThat(report("s", 2, 1, 100).orElseThrow().reason()).isEqualTo("study unknown to the pruner");
        accept("s", "{type: median, options: {n_startup_trials: 2}}");
        assertThat(service.studies()).isEmpty();
        assertThat(service.earlyStudyCount()).isZero();
    }

    @Test
    void trialEventsReadBeforeTheStudyIsAcceptedAreKept() {
        // The trial-events consumer can be ahead of the study-events one.
        twoCompleteTrials("s");
        assertThat(service.earlyStudyCount()).isEqualTo(1);
        accept("s", "{type: median, options: {n_startup_trials: 2}}");

        assertThat(report("s", 2, 1, 100).orElseThrow().prune()).isTrue();
        assertThat(service.studies()).singleElement().satisfies(s -> {
            assertThat(s.trials()).isEqualTo(3);
            assertThat(s.completeTrials()).isEqualTo(2);
            assertThat(s.pruner()).startsWith("MedianPruner(");
        });
    }

    @Test
    void onlyTheLatestEarlyStudiesAreKept() {
        report("a", 0, 1, 1);
        report("b", 0, 1, 1);
        report("c", 0, 1, 1);
        assertThat(service.earlyStudyCount()).isEqualTo(2);
    }

    @Test
    void aRepeatedStudyAcceptedChangesNothing() {
        accept("s", "{type: median, options: {n_startup_trials: 2}}");
        twoCompleteTrials("s");
        accept("s", "{type: none}");
        assertThat(report("s", 2, 1, 100).orElseThrow().prune()).isTrue();
    }

    @Test
    void judgesAReportAsOfItsEpoch() {
        accept("s", "{type: median, options: {n_startup_trials: 2}}");
        twoCompleteTrials("s");
        report("s", 2, 1, 1);
        report("s", 2, 2, 100);
        // Epoch 1 delivered again after epoch 2: judged on the trial's reports up to epoch 1.
        assertThat(report("s", 2, 1, 1).orElseThrow().reason()).startsWith("best value 1 up to step 1 is not worse");
    }
}

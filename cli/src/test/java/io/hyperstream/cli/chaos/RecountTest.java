package io.hyperstream.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperstream.cli.CliException;
import io.hyperstream.cli.results.StudyView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecountTest {

    private static final String STUDY = "s";
    private final List<LoggedEvent> log = new ArrayList<>();
    private long offset;

    @Test
    void aTrialRunAgainAfterItsTrainerDiedCountsOnceAndARecordReadTwiceCountsOnce() {
        schedule(0);
        schedule(1);
        event(0, "TrialStarted", "a", 1);
        event(0, "TrialCompleted", "c0", 1);
        event(0, "TrialCompleted", "c0", 1);
        event(1, "TrialStarted", "b", 1);
        event(1, "EpochReported", "e", 1);
        event(1, "TrialStarted", "b2", 2);
        event(1, "TrialPruned", "p1", 2);

        Recount recount = Recount.of(log);

        assertThat(recount.scheduled()).isEqualTo(2);
        assertThat(recount.finished()).isEqualTo(2);
        assertThat(recount.terminalEvents()).isEqualTo(2);
        assertThat(recount.rerun()).isZero();
        assertThat(recount.maxAttempt()).isEqualTo(2);
        assertThat(recount.byState()).containsExactlyInAnyOrderEntriesOf(Map.of("COMPLETE", 1, "PRUNED", 1));
    }

    @Test
    void aTrialEndedByTwoAttemptsIsAReRun() {
        schedule(0);
        event(0, "TrialCompleted", "c1", 1);
        event(0, "TrialCompleted", "c2", 2);

        assertThat(Recount.of(log).rerun()).isEqualTo(1);
        assertThat(Recount.of(log).terminalEvents()).isEqualTo(2);
    }

    @Test
    void theJudgementComparesTheApiWithTheLogAndTheBudget() throws Exception {
        for (int n = 0; n < 3; n++) {
            schedule(n);
            event(n, "TrialCompleted", "c" + n, 1);
        }
        Recount recount = Recount.of(log);

        ScenarioResult held = ScenarioResult.judge("x", STUDY, 3, recount, view("COMPLETE", 3), 1.5, List.of(), Map.of());
        assertThat(held.passed()).isTrue();
        assertThat(held.lost()).isZero();
        assertThat(held.duplicated()).isZero();

        ScenarioResult storeBehind = ScenarioResult.judge("x", STUDY, 3, recount, view("COMPLETE", 2), null, List.of(), Map.of());
        assertThat(storeBehind.lost()).isEqualTo(1);
        assertThat(storeBehind.problems()).contains("the API counts 2 finished trials, the event log 3", "1 trial(s) lost");

        ScenarioResult overshoot = ScenarioResult.judge("x", STUDY, 2, recount, view("COMPLETE", 3), null, List.of(), Map.of());
        assertThat(overshoot.duplicated()).isEqualTo(1);
        assertThat(overshoot.passed()).isFalse();

        ScenarioResult running = ScenarioResult.judge("x", STUDY, 3, recount, view("RUNNING", 3), null, List.of(), Map.of());
        assertThat(running.problems()).contains("the API shows the study RUNNING, not COMPLETE");
    }

    @Test
    void anUnknownScenarioIsRefusedWithTheKnownOnes() {
        assertThat(ChaosCommand.choose("all")).extracting(Scenario::name).startsWith("kill-trainer");
        assertThatThrownBy(() -> ChaosCommand.choose("kill-trainer,meteor"))
                .isInstanceOf(CliException.class)
                .hasMessageStartingWith("--scenario: unknown scenario 'meteor'; known scenarios: [kill-trainer");
    }

    private static StudyView view(String state, int complete) throws Exception {
        return StudyView.from(new ObjectMapper().readTree("{\"id\":\"s\",\"state\":\"" + state
                + "\",\"counts\":{\"complete\":" + complete + "}}"));
    }

    private void schedule(int trial) {
        log.add(new LoggedEvent("TrialScheduled", "s" + trial, STUDY, trial, Instant.now(), 1, 0, null, "hpo-trials", 0,
                offset++));
    }

    private void event(int trial, String type, String id, int attempt) {
        log.add(new LoggedEvent(type, id, STUDY, trial, Instant.now(), attempt, 0, "trainer-1", "hpo-trial-events", 0,
                offset++));
    }
}

package io.hyperstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialFailed;
import io.hyperstream.model.event.TrialStarted;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScalingFiguresTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    private static TrialStarted started(int trial, String trainer, double atS, int attempt) {
        return new TrialStarted("s" + trial + attempt, "study", trial, at(atS), trainer, Map.of(), attempt);
    }

    private static TrialCompleted completed(int trial, String trainer, double atS) {
        return new TrialCompleted("c" + trial, "study", trial, at(atS), trainer, List.of(1.0), Map.of(), 4);
    }

    private static Instant at(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    @Test
    void timesTheWindowFromTheFirstStartToTheLastEnd() {
        List<TrialEvent> events = List.of(
                started(0, "trainer-1", 0.5, 1), started(1, "trainer-2", 0.6, 1),
                completed(0, "trainer-1", 1.5), started(2, "trainer-1", 1.6, 1),
                // Trial 1's trainer died; trainer-1 ran it again.
                started(1, "trainer-1", 2.7, 2), completed(2, "trainer-1", 2.6), completed(1, "trainer-1", 3.5),
                // A second terminal event of a trial does not count twice.
                new TrialFailed("f1", "study", 1, at(9.0), "trainer-2", "late"));

        ScalingFigures figures = ScalingFigures.of(2, events, 4.2);

        assertThat(figures.finished()).isEqualTo(3);
        assertThat(figures.windowS()).isCloseTo(3.0, within(1e-9));
        assertThat(figures.trialsPerMin()).isCloseTo(60.0, within(1e-9));
        assertThat(figures.trialsByTrainer()).containsExactly(Map.entry("trainer-1", 3L));
        assertThat(figures.restarts()).isEqualTo(1);
        assertThat(figures.wallS()).isEqualTo(4.2);
    }

    @Test
    void theRatioIsToOneTrainerAndTheJsonFollowsTheBenchContract() {
        ScalingFigures one = ScalingFigures.of(1, List.of(started(0, "t1", 0, 1), completed(0, "t1", 2)), 3);
        ScalingFigures two = ScalingFigures.of(2, List.of(started(0, "t1", 0, 1), started(1, "t2", 0, 1),
                completed(0, "t1", 2), completed(1, "t2", 2.1)), 3);
        List<ScalingFigures> rows = List.of(two, one);

        assertThat(ScalingCommand.ratio(rows, one)).isEqualTo(1.0);
        assertThat(ScalingCommand.ratio(rows, two)).isCloseTo(2 / 2.1 * 2, within(1e-9));
        Map<String, Object> json = ScalingCommand.json(rows, 40, 4, 250);
        assertThat(json).containsEntry("benchmark", "scaling");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> jsonRows = (List<Map<String, Object>>) json.get("rows");
        assertThat(jsonRows).extracting(r -> r.get("trainers")).containsExactly(2, 1);
        assertThat((double) jsonRows.get(1).get("trials_per_min")).isEqualTo(30.0);
        assertThat(ScalingCommand.table(rows, 1.0)).contains("trainers", "trials/min", "t1=1 t2=1");
    }

    @Test
    void aRunWithoutAnEndedTrialCannotBeTimed() {
        assertThatThrownBy(() -> ScalingFigures.of(1, List.of(started(0, "t1", 0, 1)), 1))
                .hasMessageContaining("no trial both started and ended");
    }
}

package io.hyperstream.cli.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.hyperstream.model.StudyState;
import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StudyProgressTest {

    private final TestEvents events = new TestEvents("s-1");

    @Test
    void countsTrialsByState() {
        StudyProgress p = new StudyProgress("s-1", List.of(Direction.MINIMIZE), 5);
        p.apply(events.accepted());
        p.apply(events.started(0, Map.of("x", 0.5)));
        p.apply(events.started(1, Map.of("x", 0.1)));
        p.apply(events.started(2, Map.of("x", 0.9)));
        p.apply(events.started(3, Map.of("x", 0.3)));
        p.apply(events.epoch(0, 1, 3.0));
        p.apply(events.complete(0, 3.0));
        p.apply(events.pruned(1, 9.0));
        p.apply(events.failed(2));

        assertThat(p.state()).isEqualTo(StudyState.RUNNING);
        assertThat(p.count(TrialState.COMPLETE)).isEqualTo(1);
        assertThat(p.count(TrialState.PRUNED)).isEqualTo(1);
        assertThat(p.count(TrialState.FAIL)).isEqualTo(1);
        assertThat(p.running()).isEqualTo(1);
        assertThat(p.finished()).isEqualTo(3);
    }

    @Test
    void bestFollowsTheDirection() {
        StudyProgress min = new StudyProgress("s-1", List.of(Direction.MINIMIZE), 5);
        StudyProgress max = new StudyProgress("s-1", List.of(Direction.MAXIMIZE), 5);
        for (StudyProgress p : List.of(min, max)) {
            p.apply(events.started(0, Map.of("x", 0.5)));
            p.apply(events.complete(0, 2.0));
            p.apply(events.started(1, Map.of("x", 0.1)));
            p.apply(events.complete(1, 1.0));
            p.apply(events.started(2, Map.of("x", 0.9)));
            p.apply(events.complete(2, 3.0));
        }
        assertThat(min.best()).hasValueSatisfying(b -> {
            assertThat(b.number()).isEqualTo(1);
            assertThat(b.values()).containsExactly(1.0);
            assertThat(b.params()).containsEntry("x", 0.1);
        });
        assertThat(max.best()).hasValueSatisfying(b -> assertThat(b.number()).isEqualTo(2));
    }

    @Test
    void prunedAndFailedTrialsAreNeverBest() {
        StudyProgress p = new StudyProgress("s-1", List.of(Direction.MINIMIZE), 5);
        p.apply(events.complete(0, 5.0));
        p.apply(events.pruned(1, 0.1));
        p.apply(events.failed(2));
        assertThat(p.best()).hasValueSatisfying(b -> assertThat(b.number()).isZero());
    }

    @Test
    void theEarliestOfEqualValuesStaysBest() {
        StudyProgress p = new StudyProgress("s-1", List.of(Direction.MINIMIZE), 5);
        p.apply(events.complete(3, 1.0));
        p.apply(events.complete(4, 1.0));
        assertThat(p.best()).hasValueSatisfying(b -> assertThat(b.number()).isEqualTo(3));
    }

    @Test
    void duplicatedAndLateEventsChangeNothing() {
        StudyProgress p = new StudyProgress("s-1", List.of(Direction.MINIMIZE), 5);
        p.apply(events.started(0, Map.of("x", 0.5)));
        p.apply(events.complete(0, 2.0));
        p.apply(events.complete(0, 2.0));
        p.apply(events.started(0, Map.of("x", 0.5)));
        p.apply(events.pruned(0, 1.0));
        assertThat(p.count(TrialState.COMPLETE)).isEqualTo(1);
        assertThat(p.running()).isZero();
        assertThat(p.count(TrialState.PRUNED)).isZero();
    }

    @Test
    void eventsOfOtherStudiesAreIgnored() {
        StudyProgress p = new StudyProgress("s-1", List.of(Direction.MINIMIZE), 5);
        TestEvents other = new TestEvents("s-2");
        p.apply(other.started(0, Map.of()));
        p.apply(other.complete(0, 1.0));
        p.apply(other.rejected("no"));
        assertThat(p.finished()).isZero();
        assertThat(p.state()).isNull();
    }

    @Test
    void anEpochReportOfAnUnseenTrialMeansItRuns() {
        StudyProgress p = new StudyProgress("s-1", List.of(Direction.MINIMIZE), 5);
        p.apply(events.epoch(4, 2, 1.5));
        assertThat(p.running()).isEqualTo(1);
    }

    @Test
    void rejectionAndCompletionCarryTheirReason() {
        StudyProgress rejected = new StudyProgress("s-1", List.of(Direction.MINIMIZE), 5);
        rejected.apply(events.rejected("search_space[0]: bad"));
        assertThat(rejected.state()).isEqualTo(StudyState.REJECTED);
        assertThat(rejected.reason()).isEqualTo("search_space[0]: bad");

        StudyProgress completed = new StudyProgress("s-1", List.of(Direction.MINIMIZE), 5);
        completed.apply(events.accepted());
        completed.apply(events.completed(5));
        completed.apply(events.accepted());
        assertThat(completed.state()).isEqualTo(StudyState.COMPLETE);
        assertThat(completed.announcedFinishedTrials()).isEqualTo(5);
        assertThat(completed.reason()).isEqualTo("budget reached");
    }

    @Test
    void severalObjectivesKeepTheParetoFront() {
        StudyProgress p = new StudyProgress("s-1", List.of(Direction.MINIMIZE, Direction.MAXIMIZE), 5);
        p.apply(events.complete(0, 1.0, 1.0));
        p.apply(events.complete(1, 2.0, 3.0));
        p.apply(events.complete(2, 0.5, 0.5));
        p.apply(events.complete(3, 3.0, 2.0));
        p.apply(events.complete(4, 0.5, 2.0));
        assertThat(p.best()).isEmpty();
        assertThat(p.paretoFront()).extracting(StudyProgress.TrialResult::number).containsExactly(1, 4);
    }

    @Test
    void valuesOfTheWrongCountOrNaNAreNotRanked() {
        StudyProgress p = new StudyProgress("s-1", List.of(Direction.MINIMIZE), 5);
        p.apply(events.complete(0, 1.0, 2.0));
        p.apply(events.complete(1, Double.NaN));
        assertThat(p.best()).isEmpty();
        assertThat(p.count(TrialState.COMPLETE)).isEqualTo(2);
    }
}

package io.hyperstream.cli.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.hyperstream.cli.study.StudyProgress;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.StudyCompleted;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialPruned;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.model.spec.Direction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportsTest {

    private static StudyProgress finishedStudy(List<Direction> directions) {
        StudyProgress p = new StudyProgress("s-1", directions, 3);
        p.apply(new TrialStarted(Events.newId(), "s-1", 0, Events.now(), "t", Map.of("x", 0.25)));
        p.apply(new TrialCompleted(Events.newId(), "s-1", 0, Events.now(), "t",
                directions.size() == 1 ? List.of(0.5) : List.of(0.5, 2.0), Map.of(), 3));
        p.apply(new TrialStarted(Events.newId(), "s-1", 1, Events.now(), "t", Map.of("x", 0.75)));
        p.apply(new TrialCompleted(Events.newId(), "s-1", 1, Events.now(), "t",
                directions.size() == 1 ? List.of(0.25) : List.of(0.25, 1.0), Map.of(), 3));
        p.apply(new TrialPruned(Events.newId(), "s-1", 2, Events.now(), "t", 1, List.of(9.0)));
        p.apply(new StudyCompleted(Events.newId(), "s-1", Events.now(), "budget reached", 3));
        return p;
    }

    @Test
    void summaryUsesTheApisBestTrialAndCounts() {
        StudyView view = new StudyView("s-1", "tiny", "COMPLETE", "budget reached",
                new StudyView.Counts(0, 0, 2, 1, 0, 3, 3),
                new StudyView.Best(1, List.of(0.25), Map.of("x", 0.75)), 3);
        String text = Reports.summary(finishedStudy(List.of(Direction.MINIMIZE)), view, Duration.ofMillis(41_230),
                "http://127.0.0.1:8080/api/studies/s-1");
        assertThat(text.lines()).containsExactly(
                "Study s-1 complete: budget reached",
                "  best trial   1",
                "  value        0.2500",
                "  params       x=0.7500",
                "  trials       3 finished: 2 complete, 1 pruned, 0 failed",
                "  elapsed      41.2 s",
                "  results      http://127.0.0.1:8080/api/studies/s-1");
    }

    @Test
    void withoutTheApiTheSummaryComesFromTheEvents() {
        String text = Reports.summary(finishedStudy(List.of(Direction.MAXIMIZE)), null, Duration.ofSeconds(2), "u");
        assertThat(text).contains("best trial   0").contains("value        0.5000").contains("params       x=0.2500")
                .contains("3 finished: 2 complete, 1 pruned, 0 failed");
    }

    @Test
    void severalObjectivesListTheParetoFront() {
        String text = Reports.summary(finishedStudy(List.of(Direction.MINIMIZE, Direction.MAXIMIZE)), null,
                Duration.ofSeconds(2), "u");
        assertThat(text).contains("pareto front trial 0: 0.5000, 2.0000  (x=0.2500)")
                .contains("trial 1: 0.2500, 1.0000  (x=0.7500)");
    }
}

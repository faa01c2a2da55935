package io.hyperstream.cli.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.hyperstream.model.spec.Direction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    private final TestEvents events = new TestEvents("s-1");

    @Test
    void beforeTheSamplerAnswers() {
        StudyProgress p = new StudyProgress("s-1", List.of(Direction.MINIMIZE), 30);
        assertThat(ProgressLine.format(p, Duration.ofMillis(1234)))
                .isEqualTo("study s-1 submitted, waiting for the sampler to accept it, 1.2 s");
    }

    @Test
    void withoutACompleteTrialThereIsNoBest() {
        StudyProgress p = new StudyProgress("s-1", List.of(Direction.MINIMIZE), 30);
        p.apply(events.accepted());
        p.apply(events.started(0, Map.of()));
        assertThat(ProgressLine.format(p, Duration.ofMillis(500)))
                .isEqualTo("trials 0/30 finished (pruned 0, failed 0), running 1, best -, 0.5 s");
    }

    @Test
    void countsBestAndElapsedTime() {
        StudyProgress p = new StudyProgress("s-1", List.of(Direction.MINIMIZE), 30);
        p.apply(events.accepted());
        for (int i = 0; i < 14; i++) {
            p.apply(events.started(i, Map.of("x", i / 10.0)));
        }
        for (int i = 0; i < 8; i++) {
            p.apply(events.complete(i, i == 7 ? 0.41234 : 1.0 + i));
        }
        p.apply(events.pruned(8, 5.0));
        p.apply(events.pruned(9, 5.0));
        p.apply(events.pruned(10, 5.0));
        p.apply(events.failed(11));
        assertThat(ProgressLine.format(p, Duration.ofMillis(8249)))
                .isEqualTo("trials 12/30 finished (pruned 3, failed 1), running 2, best 0.4123 (trial 7), 8.2 s");
    }

    @Test
    void maximizingShowsTheHighestValue() {
        StudyProgress p = new StudyProgress("s-1", List.of(Direction.MAXIMIZE), 4);
        p.apply(events.complete(0, 0.81));
        p.apply(events.complete(1, 0.875));
        p.apply(events.complete(2, 0.79));
        assertThat(ProgressLine.format(p, Duration.ofSeconds(61)))
                .isEqualTo("trials 3/4 finished (pruned 0, failed 0), running 0, best 0.8750 (trial 1), 61.0 s");
    }

    @Test
    void tinyAndHugeValuesUseScientificNotation() {
        StudyProgress p = new StudyProgress("s-1", List.of(Direction.MINIMIZE), 2);
        p.apply(events.complete(0, 1.5e-7));
        assertThat(ProgressLine.format(p, Duration.ZERO)).contains("best 1.5000e-07 (trial 0)");
        assertThat(Numbers.value(2.5e9)).isEqualTo("2.5000e+09");
        assertThat(Numbers.value(-3.0)).isEqualTo("-3.0000");
    }

    @Test
    void severalObjectivesShowTheSizeOfTheParetoFront() {
        StudyProgress p = new StudyProgress("s-1", List.of(Direction.MINIMIZE, Direction.MINIMIZE), 10);
        p.apply(events.complete(0, 1.0, 2.0));
        p.apply(events.complete(1, 2.0, 1.0));
        assertThat(ProgressLine.format(p, Duration.ofSeconds(3)))
                .isEqualTo("trials 2/10 finished (pruned 0, failed 0), running 0, pareto front 2 trials, 3.0 s");
    }

    @Test
    void aCompleteStudySaysSo() {
        StudyProgress p = new StudyProgress("s-1", List.of(Direction.MINIMIZE), 1);
        p.apply(events.accepted());
        p.apply(events.complete(0, 2.0));
        p.apply(events.completed(1));
        assertThat(ProgressLine.format(p, Duration.ofSeconds(2))).endsWith("2.0 s, complete");
    }

    @Test
    void parametersKeepTheirOrderAndKind() {
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        params.put("n_layers", 2);
        params.put("lr", 0.00123);
        params.put("optimizer", "adam");
        params.put("batch_size", 32L);
        assertThat(Numbers.params(params)).isEqualTo("n_layers=2, lr=0.0012, optimizer=adam, batch_size=32");
        assertThat(Numbers.params(Map.of())).isEqualTo("-");
    }
}

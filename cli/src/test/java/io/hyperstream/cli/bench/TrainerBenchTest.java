package io.hyperstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hyperstream.cli.Hpo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The figures of {@code hpo bench trainer}: warm-up left out, mean and median, ratios, JSON with PyTorch absent. */
class TrainerBenchTest {

    private static final Map<String, Object> DL4J = Map.of("framework", "dl4j",
            "epoch_ms", List.of(500.0, 300.0, 40.0, 20.0, 30.0, 90.0),
            "eval_ms", List.of(9.0, 9.0, 1.0, 2.0, 3.0, 4.0),
            "cpu_ms", List.of(400.0, 200.0, 30.0, 20.0, 30.0, 40.0),
            "peak_rss_mb", 301.5, "balanced_accuracy", 0.77);
    private static final Map<String, Object> TORCH = Map.of("framework", "pytorch",
            "epoch_ms", List.of(50.0, 10.0, 10.0, 10.0, 10.0, 10.0),
            "eval_ms", List.of(1.0, 0.5, 0.5, 0.5, 0.5, 0.5),
            "cpu_ms", List.of(50.0, 10.0, 10.0, 10.0, 10.0, 10.0),
            "peak_rss_mb", 242.0, "balanced_accuracy", 0.75);

    @Test
    void theWarmUpEpochsAreLeftOutAndTheMeanKeepsTheSlowEpochs() {
        EpochFigures figures = EpochFigures.of(DL4J, 2);

        assertThat(figures.medianMs()).isEqualTo(35.0);
        assertThat(figures.meanMs()).isCloseTo(45.0, within(1e-9));
        assertThat(figures.evalMs()).isEqualTo(2.5);
        assertThat(figures.cpuMs()).isCloseTo(30.0, within(1e-9));
        assertThat(figures.peakRssMb()).isEqualTo(301.5);
        assertThatThrownBy(() -> EpochFigures.of(DL4J, 6))
                .hasMessage("the benchmark ran 6 epochs, no more than the 6 warm-up epochs");
    }

    @Test
    void theRatioUsesTheMeanEpochAndTheJsonFollowsTheBenchContract() {
        EpochFigures dl4j = EpochFigures.of(DL4J, 2);
        EpochFigures torch = EpochFigures.of(TORCH, 2);

        Map<String, Object> json = TrainerCommand.json(dl4j, torch);

        assertThat(json).containsEntry("benchmark", "trainer").containsEntry("dl4j_epoch_ms", 45.0)
                .containsEntry("pytorch_epoch_ms", 10.0).containsEntry("ratio", 4.5).containsEntry("peak_rss_mb", 301.5)
                .containsEntry("ratio_median", 3.5).containsEntry("ratio_cpu", 3.0);
        assertThat(TrainerCommand.table(dl4j, torch)).contains("ratio DL4J / PyTorch: 4.5 (mean epoch), 3.5 (median), "
                + "3 (CPU per epoch)");
    }

    @Test
    void withoutPytorchItsFiguresAreNull() {
        Map<String, Object> json = TrainerCommand.json(EpochFigures.of(DL4J, 2), null);

        assertThat(json).containsEntry("pytorch_epoch_ms", null).containsEntry("ratio", null)
                .containsEntry("dl4j_epoch_ms", 45.0);
        assertThat(TrainerCommand.table(EpochFigures.of(DL4J, 2), null)).doesNotContain("ratio").contains("dl4j");
    }

    @Test
    void aWarmUpAsLongAsTheRunIsAUsageError() {
        StringWriter err = new StringWriter();

        int code = Hpo.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "bench", "trainer",
                "--epochs", "5", "--warmup", "5");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--epochs must be positive and --warmup smaller, but got --epochs 5 --warmup 5");
    }
}

package io.hyperstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.cli.CliException;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.model.spec.StudySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of {@code hpo bench pruning} that need no running system: the problem's study and the summary. */
class PruningBenchTest {

    private static final String PROBLEMS = """
            {"schema":"hpo-anchor-problems/1",
             "pruners":{"nop":{"optuna":"NopPruner","args":{}},"median":{"optuna":"MedianPruner","args":{"n_warmup_steps":5}},
                        "sha":{"optuna":"SuccessiveHalvingPruner","args":{}}},
             "problems":[
              {"name":"sphere","kind":"synthetic","function":"sphere","direction":"minimize","optimum":0.0,
               "params":[{"name":"x0","type":"float","low":-1,"high":2}]},
              {"name":"mlp","kind":"ml","function":"fetal_mlp","direction":"maximize","optimum":null,
               "dataset":{"path":"datasets/data.csv","target":"label","split":{"method":"stratified","valid_fraction":0.25,"seed":7}},
               "training":{"max_epochs":30},
               "params":[{"name":"n_layers","type":"int","low":1,"high":3},
                         {"name":"n_units_l1","type":"int","low":4,"high":64,"condition":{"param":"n_layers","min":2}}]}]}
            """;

    @TempDir
    Path shared;

    private Path problems() throws IOException {
        Files.createDirectories(shared.resolve("bench"));
        Files.createDirectories(shared.resolve("datasets"));
        Files.writeString(shared.resolve("datasets/data.csv"), "a,label\n1,0\n");
        Path file = shared.resolve("bench/problems.json");
        Files.writeString(file, PROBLEMS);
        return file;
    }

    @Test
    void buildsTheStudyOfAnMlProblemWithTheFilesReferencePruners() throws IOException {
        PruningProblem problem = PruningProblem.read(problems(), "mlp");
        assertThat(problem.dataset()).isEqualTo(shared.resolve("datasets/data.csv").toAbsolutePath().normalize());
        assertThat(problem.maxEpochs()).isEqualTo(30);

        StudySpec median = problem.study("median", 3, 40, 2, 30, Map.of());
        assertThat(median.direction()).isEqualTo(Direction.MAXIMIZE);
        assertThat(median.searchSpace()).hasSize(2);
        assertThat(median.sampler().type()).isEqualTo("tpe");
        assertThat(median.sampler().seed()).isEqualTo(3L);
        assertThat(median.pruner().type()).isEqualTo("median");
        assertThat(median.pruner().options()).isEqualTo(Map.of("n_warmup_steps", 5));
        assertThat(median.objective().kind()).isEqualTo("mlp-classifier");
        assertThat(median.objective().metric()).isEqualTo("balanced_accuracy");
        assertThat(median.objective().maxEpochs()).isEqualTo(30);
        assertThat(median.objective().settings()).containsEntry("target", "label").containsEntry("valid_fraction", 0.25)
                .containsEntry("split_seed", 7).containsEntry("dataset", problem.dataset().toString());
        assertThat(median.budget().nTrials()).isEqualTo(40);
        assertThat(median.budget().parallelism()).isEqualTo(2);
        // nop in the file is none here; pruners the file does not name run with their defaults.
        assertThat(problem.study("none", 1, 4, 1, 30, Map.of()).pruner().options()).isEmpty();
        assertThat(problem.study("hyperband", 1, 4, 1, 30, Map.of()).pruner().type()).isEqualTo("hyperband");
    }

    @Test
    void aSyntheticProblemRunsOnTheSyntheticObjective() throws IOException {
        StudySpec sphere = PruningProblem.read(problems(), "sphere").study("sha", 2, 10, 2, 40, Map.of("epoch_delay_ms", 5L));
        assertThat(sphere.objective().kind()).isEqualTo("synthetic");
        assertThat(sphere.objective().metric()).isEqualTo("value");
        assertThat(sphere.objective().settings()).containsEntry("function", "sphere").containsEntry("direction", "minimize")
                .containsEntry("epoch_delay_ms", 5);
        assertThat(sphere.direction()).isEqualTo(Direction.MINIMIZE);
    }

    @Test
    void refusesProblemsItCannotTrainOn() throws IOException {
        Path file = problems();
        Files.writeString(file, PROBLEMS.replace("\"kind\":\"synthetic\"", "\"kind\":\"tabular\""));
        assertThatThrownBy(() -> PruningProblem.read(file, "sphere")).isInstanceOf(CliException.class)
                .hasMessageContaining("problem 'sphere'").hasMessageContaining("is neither synthetic nor");
        Files.delete(shared.resolve("datasets/data.csv"));
        assertThatThrownBy(() -> PruningProblem.read(file, "mlp")).hasMessageContaining("does not exist");
    }

    @Test
    void summarizesEpochsSavedBestValuesAndLatencyPerPruner() {
        List<PruningRun.Result> runs = List.of(
                result("none", 1, 1600, 0.86, null, null), result("none", 2, 1600, 0.88, null, null),
                result("sha", 1, 300, 0.85, 3.0, 12.0), result("sha", 2, 500, 0.87, 5.0, 30.0));

        List<PruningSummary.Row> rows = PruningSummary.rows(List.of("none", "sha"), runs, 40, 40);

        assertThat(rows).hasSize(2);
        PruningSummary.Row sha = rows.get(1);
        assertThat(sha.epochs()).isEqualTo(400.0);
        assertThat(sha.saved()).isEqualTo(0.75);
        assertThat(sha.bestMedian()).isEqualTo(0.86, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(sha.bestMin()).isEqualTo(0.85);
        assertThat(sha.bestMax()).isEqualTo(0.87);
        assertThat(sha.verdictMsP50()).isEqualTo(4.0);
        assertThat(sha.verdictMsP99()).isEqualTo(30.0);
        assertThat(sha.roundTripMsP50()).isEqualTo(5.0);
        assertThat(sha.roundTripMsP99()).isEqualTo(35.0);
        String table = PruningSummary.table(rows, Direction.MAXIMIZE, "balanced_accuracy", 40, 40);
        assertThat(table).contains("sha", "75%", "[0.85, 0.87]", "30 ms", "35 ms").contains("median best below none by 0.01");
        Map<String, Object> json = PruningSummary.json(rows, runs, Map.of("trials", 40));
        assertThat(json).containsEntry("benchmark", "pruning");
        assertThat((List<?>) json.get("runs")).hasSize(4);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) json.get("runs")).get(2);
        assertThat(first).containsEntry("pruner", "sha").containsEntry("seed", 1L).containsEntry("epochs", 300L)
                .containsEntry("best", 0.85).containsEntry("verdict_ms_p50", 3.0).containsEntry("verdict_ms_p99", 12.0)
                .containsEntry("round_trip_ms_p50", 4.0).containsEntry("round_trip_ms_p99", 17.0);
    }

    private static PruningRun.Result result(String pruner, long seed, long epochs, double best, Double p50, Double p99) {
        return new PruningRun.Result(pruner, seed, "mlp-" + pruner + "-" + seed, epochs, 1, 0, 0, best, 10.0, p50, p99,
                p50 == null ? null : 1.0, p99 == null ? null : 2.0, p50 == null ? null : p50 + 1,
                p99 == null ? null : p99 + 5, Map.of());
    }
}

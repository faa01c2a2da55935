package io.hyperstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.hyperstream.cli.CliException;
import io.hyperstream.sampler.algorithm.SamplerRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplerBenchTest {

    private static final String PROBLEMS = """
            {"schema":"hpo-anchor-problems/1",
             "samplers":{"cmaes":{"optuna":"CmaEsSampler","args":{},"skip_if_categorical":true}},
             "problems":[
              {"name":"sphere3","kind":"synthetic","function":"sphere","direction":"minimize","optimum":0.0,
               "params":[{"name":"x0","type":"float","low":-1,"high":2},{"name":"x1","type":"float","low":-1,"high":2},
                         {"name":"x2","type":"int","low":-3,"high":3}]},
              {"name":"mixed","kind":"synthetic","function":"sphere","direction":"maximize","optimum":null,
               "params":[{"name":"x0","type":"float","low":-1,"high":1},{"name":"c","type":"categorical","choices":["a","b"]}]},
              {"name":"mlp","kind":"ml","function":"fetal_mlp","direction":"maximize","optimum":null,
               "params":[{"name":"n_layers","type":"int","low":1,"high":3},
                         {"name":"n_units_l1","type":"int","low":4,"high":64,"condition":{"param":"n_layers","min":2}}]}]}
            """;

    @TempDir
    Path dir;

    private BenchFile file() throws IOException {
        Path path = dir.resolve("problems.json");
        Files.writeString(path, PROBLEMS);
        return BenchFile.read(path);
    }

    @Test
    void readsProblemsWithTheirSpaceDirectionAndOptimum() throws IOException {
        BenchFile file = file();

        assertThat(file.problems()).extracting(BenchProblem::name).containsExactly("sphere3", "mixed", "mlp");
        BenchProblem sphere = file.problem("sphere3");
        assertThat(sphere.params()).hasSize(3);
        assertThat(sphere.evaluate(Map.of("x0", 1.0, "x1", -1.0, "x2", 2))).isEqualTo(6.0);
        assertThat(sphere.regret(0.25)).isEqualTo(0.25);
        assertThat(file.problem("mixed").regret(1.0)).isNull();
        assertThat(file.problem("mlp").evaluable()).isFalse();
        assertThat(file.problem("mlp").params().get(1).isConditional()).isTrue();
    }

    @Test
    void badFilesAndNamesAreClearErrors() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, """
                {"problems":[{"name":"p","params":[{"name":"x0","type":"float","low":5,"high":1}]}]}""");

        assertThatThrownBy(() -> BenchFile.read(bad)).isInstanceOf(CliException.class)
                .hasMessageContaining("problem 'p'").hasMessageContaining("low <= high");
        assertThatThrownBy(() -> file().problem("nope")).isInstanceOf(CliException.class)
                .hasMessageContaining("no problem 'nope'").hasMessageContaining("sphere3");
        assertThatThrownBy(() -> BenchOutput.samplers(SamplerRegistry.standard(), "tpe,bogus"))
                .isInstanceOf(CliException.class).hasMessageContaining("unknown sampler 'bogus'");
        assertThatThrownBy(() -> SamplerChoice.parse("tpe:gamma")).isInstanceOf(CliException.class)
                .hasMessageContaining("not option=value");
    }

    @Test
    void aRunRecordsTheBestValueSoFarAtEachBudgetAndRepeatsWithItsSeed() throws IOException {
        BenchProblem sphere = file().problem("sphere3");
        SamplerBench bench = new SamplerBench(SamplerRegistry.standard());

        SamplerBench.Run run = bench.run(sphere, SamplerChoice.parse("tpe"), 3, List.of(10, 40));
        SamplerBench.Run again = bench.run(sphere, SamplerChoice.parse("tpe"), 3, List.of(10, 40));

        assertThat(run.skipped()).isNull();
        assertThat(run.best()).containsOnlyKeys(10, 40);
        assertThat(run.best().get(40)).isLessThanOrEqualTo(run.best().get(10)).isGreaterThanOrEqualTo(0.0);
        assertThat(again.best()).isEqualTo(run.best());
    }

    @Test
    void samplerOptionsReachTheSampler() throws IOException {
        BenchProblem sphere = file().problem("sphere3");
        SamplerBench bench = new SamplerBench(SamplerRegistry.standard());

        SamplerBench.Run tpe = bench.run(sphere, SamplerChoice.parse("tpe"), 1, List.of(30));
        SamplerBench.Run allRandom = bench.run(sphere, SamplerChoice.parse("tpe:n_startup_trials=30"), 1, List.of(30));
        SamplerBench.Run badOption = bench.run(sphere, SamplerChoice.parse("tpe:n_startup_trials=-1"), 1, List.of(30));

        assertThat(allRandom.best()).isNotEqualTo(tpe.best());
        assertThat(badOption.skipped()).contains("n_startup_trials");
    }

    @Test
    void skipsWhatASamplerOrTheMachineCannotRunAndSaysWhy() throws IOException, InterruptedException {
        BenchFile file = file();
        List<SamplerBench.Run> runs = new SamplerBench(SamplerRegistry.standard()).runAll(file, file.problems(),
                List.of(SamplerChoice.parse("random")), List.of(5), 2, 2);

        assertThat(runs).hasSize(6);
        assertThat(runs).filteredOn(r -> r.problem().equals("mlp"))
                .allSatisfy(r -> assertThat(r.skipped()).contains("needs a trainer"));
        assertThat(file.referenceSkip("cmaes", file.problem("mixed"))).contains("categorical");
        assertThat(file.referenceSkip("cmaes", file.problem("sphere3"))).isNull();

        String table = SamplerSummary.table(file.problems(), List.of(SamplerChoice.parse("random")), List.of(5), runs);
        assertThat(table).contains("sphere3 (minimize, median regret)").contains("mixed (maximize, median best value)")
                .contains("skipped: an 'ml' problem needs a trainer");
        Map<String, Object> json = SamplerSummary.json(file.problems(), List.of(5), runs);
        assertThat(json).containsEntry("benchmark", "samplers");
        assertThat((List<?>) json.get("runs")).hasSize(6);
    }

    @Test
    void overheadTimesEachSamplerAtEachSizeInWallAndCpuTime() throws IOException {
        BenchProblem sphere = file().problem("sphere3");
        List<OverheadBench.Row> rows = new OverheadBench(SamplerRegistry.standard())
                .run(sphere, List.of(SamplerChoice.parse("random"), SamplerChoice.parse("tpe")), List.of(20, 40), 5);

        assertThat(rows).extracting(OverheadBench.Row::sampler, OverheadBench.Row::n)
                .containsExactly(tuple("random", 20), tuple("tpe", 20),
                        tuple("random", 40), tuple("tpe", 40));
        for (OverheadBench.Row row : rows) {
            assertThat(row.skipped()).isNull();
            assertThat(row.msMedian()).isPositive().isLessThanOrEqualTo(row.msP90());
            // One thread's CPU time cannot exceed the wall-clock time it ran in (up to clock resolution).
            assertThat(row.cpuMsMedian()).isPositive().isLessThanOrEqualTo(row.msP90() + 0.05);
        }
    }
}

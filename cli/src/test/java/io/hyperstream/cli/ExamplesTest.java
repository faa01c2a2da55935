package io.hyperstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hyperstream.cli.bench.BenchFile;
import io.hyperstream.cli.bench.BenchProblem;
import io.hyperstream.model.spec.CategoricalDistribution;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.model.spec.FloatDistribution;
import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.model.spec.StudySpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every study in examples/ must be one hpo accepts. */
class ExamplesTest {

    private static final Path EXAMPLES = Home.findFrom(Path.of("")).orElseThrow().resolve("examples");

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().matches(".*\\.(ya?ml|json)$")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void thereAreExamples() throws IOException {
        assertThat(examples()).extracting(p -> p.getFileName().toString())
                .contains("branin.yaml", "fetal-health.yaml");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleParses(Path file) {
        StudySpec spec = Inputs.readSpec(file);
        assertThat(spec.name()).isNotBlank();
        assertThat(spec.budget().nTrials()).isPositive();
    }

    @Test
    void braninIsThe30TrialRandomStudyWithMedianPruning() {
        StudySpec spec = StudySpecReader.read(EXAMPLES.resolve("branin.yaml"));
        assertThat(spec.name()).isEqualTo("branin");
        assertThat(spec.directions()).containsExactly(Direction.MINIMIZE);
        assertThat(spec.searchSpace()).extracting(p -> p.name()).containsExactly("x0", "x1");
        assertThat(spec.param("x0").distribution()).isEqualTo(new FloatDistribution(-5, 10, false, null));
        assertThat(spec.param("x1").distribution()).isEqualTo(new FloatDistribution(0, 15, false, null));
        assertThat(spec.sampler().type()).isEqualTo("random");
        assertThat(spec.sampler().seed()).isEqualTo(42L);
        assertThat(spec.pruner().type()).isEqualTo("median");
        assertThat(spec.pruner().options()).containsEntry("n_startup_trials", 5).containsEntry("n_warmup_steps", 3);
        assertThat(spec.objective().kind()).isEqualTo("synthetic");
        assertThat(spec.objective().settings()).containsEntry("function", "branin");
        assertThat(spec.objective().metric()).isEqualTo("value");
        assertThat(spec.objective().maxEpochs()).isEqualTo(10);
        assertThat(spec.budget().nTrials()).isEqualTo(30);
        assertThat(spec.budget().parallelism()).isEqualTo(4);
    }

    @Test
    void fetalHealthSearchesAtLeastTheBenchmarkMlpSpace() {
        StudySpec spec = StudySpecReader.read(EXAMPLES.resolve("fetal-health.yaml"));
        BenchProblem benchmark = BenchFile.read(Home.findFrom(Path.of("")).orElseThrow().getParent()
                .resolve("shared/bench/problems.json")).problem("fetal_mlp");
        assertThat(spec.directions()).containsExactly(Direction.MAXIMIZE);
        // Every benchmark parameter is searched, under the same condition, over a range that
        // holds the benchmark's (or, for a categorical, at least two of its choices).
        for (ParamSpec p : benchmark.params()) {
            ParamSpec ours = spec.param(p.name());
            assertThat(ours).as(p.name()).isNotNull();
            assertThat(ours.isConditional()).as(p.name()).isEqualTo(p.isConditional());
            if (p.isConditional()) {
                assertThat(ours.condition()).as(p.name()).isEqualTo(p.condition());
            }
            if (p.distribution() instanceof CategoricalDistribution c) {
                assertThat(((CategoricalDistribution) ours.distribution()).choices()).as(p.name())
                        .containsAnyElementsOf(c.choices()).hasSizeGreaterThanOrEqualTo(2);
            } else {
                assertThat(ours.distribution().isSingle()).as(p.name()).isFalse();
            }
        }
        assertThat(spec.sampler().type()).isEqualTo("tpe");
        assertThat(spec.objective().kind()).isEqualTo("mlp-classifier");
        assertThat(spec.objective().settings())
                .containsEntry("dataset", "fetal_health.csv")
                .containsEntry("target", "fetal_health");
        assertThat(spec.objective().metric()).isEqualTo("balanced_accuracy");
        assertThat(spec.budget().nTrials()).isEqualTo(100);
        assertThat(spec.budget().parallelism()).isEqualTo(2);
    }
}

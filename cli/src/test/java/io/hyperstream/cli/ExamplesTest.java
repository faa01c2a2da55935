package io.hyperstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hyperstream.model.spec.CategoricalDistribution;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.model.spec.FloatDistribution;
import io.hyperstream.model.spec.IntDistribution;
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
    void fetalHealthIsTheBenchmarkMlpSpace() {
        StudySpec spec = StudySpecReader.read(EXAMPLES.resolve("fetal-health.yaml"));
        assertThat(spec.directions()).containsExactly(Direction.MAXIMIZE);
        assertThat(spec.searchSpace()).extracting(p -> p.name()).containsExactly(
                "n_layers", "n_units_l0", "n_units_l1", "n_units_l2", "lr", "optimizer", "weight_decay", "batch_size");
        assertThat(spec.param("n_layers").distribution()).isEqualTo(new IntDistribution(1, 3, false, 1));
        assertThat(spec.param("n_units_l0").isConditional()).isFalse();
        assertThat(spec.param("n_units_l1").condition().param()).isEqualTo("n_layers");
        assertThat(spec.param("n_units_l1").condition().min()).isEqualTo(2.0);
        assertThat(spec.param("n_units_l2").condition().min()).isEqualTo(3.0);
        assertThat(spec.param("lr").distribution()).isEqualTo(new FloatDistribution(1e-4, 0.1, true, null));
        assertThat(spec.param("weight_decay").distribution()).isEqualTo(new FloatDistribution(1e-6, 0.01, true, null));
        assertThat(((CategoricalDistribution) spec.param("optimizer").distribution()).choices())
                .containsExactly("sgd", "adam", "rmsprop");
        assertThat(((CategoricalDistribution) spec.param("batch_size").distribution()).choices())
                .containsExactly(16, 32, 64);
        assertThat(spec.sampler().type()).isEqualTo("tpe");
        assertThat(spec.sampler().seed()).isEqualTo(42L);
        assertThat(spec.pruner().options()).containsEntry("n_warmup_steps", 5);
        assertThat(spec.objective().kind()).isEqualTo("mlp-classifier");
        assertThat(spec.objective().settings())
                .containsEntry("dataset", "fetal_health.csv")
                .containsEntry("target", "fetal_health")
                .containsEntry("valid_fraction", 0.2)
                .containsEntry("split_seed", 42)
                .containsEntry("class_weight", "balanced");
        assertThat(spec.objective().metric()).isEqualTo("balanced_accuracy");
        assertThat(spec.objective().maxEpochs()).isEqualTo(40);
        assertThat(spec.budget().nTrials()).isEqualTo(100);
        assertThat(spec.budget().parallelism()).isEqualTo(2);
    }
}

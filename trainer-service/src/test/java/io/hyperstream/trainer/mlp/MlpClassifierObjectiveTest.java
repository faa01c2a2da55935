package io.hyperstream.trainer.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.trainer.objective.EpochReporter;
import io.hyperstream.trainer.objective.Evaluation;
import io.hyperstream.trainer.objective.ObjectiveEnvironment;
import io.hyperstream.trainer.objective.TrialContext;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The mlp-classifier objective trained for real (DL4J) on a small three-class data set shipped
 * with the tests (blobs.csv: 120 / 40 / 20 rows of 4 features, classes a, b, c).
 */
class MlpClassifierObjectiveTest {

    private static final Map<String, Object> SETTINGS = Map.of("dataset", "blobs.csv", "target", "kind",
            "valid_fraction", 0.25, "split_seed", 3);
    private static final Map<String, Object> PARAMS = Map.of("n_layers", 2, "n_units_l0", 16, "n_units_l1", 8,
            "lr", 0.01, "optimizer", "adam", "weight_decay", 1e-4, "batch_size", 16);

    private final MlpClassifierObjective objective = new MlpClassifierObjective(environment(256L << 20));

    @Test
    void everyEpochReportsLossesAndClassMetricsWithTheObjectiveMetricFirst() throws Exception {
        Recorder recorder = new Recorder();

        Evaluation result = objective.run(context(PARAMS, SETTINGS, 8, 11, recorder));

        assertThat(recorder.epochs).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        Map<String, Double> first = recorder.metrics.get(0);
        assertThat(first.keySet()).containsExactly("balanced_accuracy", "train_loss", "valid_loss", "accuracy",
                "macro_f1", "recall_a", "recall_b", "recall_c");
        assertThat(recorder.values.get(0)).containsExactly(first.get("balanced_accuracy"));
        // The blobs are separable enough: training lowers the loss and beats always answering "a".
        Map<String, Double> last = recorder.metrics.get(7);
        assertThat(last.get("train_loss")).isLessThan(first.get("train_loss"));
        assertThat(last.get("valid_loss")).isLessThan(first.get("valid_loss"));
        assertThat(last.get("balanced_accuracy")).isGreaterThan(0.6);

        assertThat(result.values()).containsExactly(last.get("balanced_accuracy"));
        assertThat(result.metrics()).containsAllEntriesOf(last);
        // 45 validation rows: 30 a, 10 b, 5 c; the matrix adds up to them, row by row.
        assertThat(result.metrics().get("null_accuracy")).isEqualTo(120.0 / 180);
        double rowA = 0;
        double all = 0;
        for (String actual : List.of("a", "b", "c")) {
            for (String predicted : List.of("a", "b", "c")) {
                double count = result.metrics().get("confusion_" + actual + "_" + predicted);
                all += count;
                rowA += actual.equals("a") ? count : 0;
            }
        }
        assertThat(rowA).isEqualTo(30);
        assertThat(all).isEqualTo(45);
        assertThat(result.metrics().get("accuracy")).isEqualTo((result.metrics().get("confusion_a_a")
                + result.metrics().get("confusion_b_b") + result.metrics().get("confusion_c_c")) / 45);
    }

    @Test
    void theSameParametersAndSeedGiveTheSameMetrics() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>(PARAMS);
        params.put("dropout", 0.2);
        params.put("class_weight", "balanced");
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        Recorder otherSeed = new Recorder();

        Evaluation a = objective.run(context(params, SETTINGS, 4, 5, first));
        Evaluation b = objective.run(context(params, SETTINGS, 4, 5, second));
        objective.run(context(params, SETTINGS, 4, 6, otherSeed));

        assertThat(second.metrics).isEqualTo(first.metrics);
        // With ND4J's shape and sub-array layout caches in place (the second run reused them).
        assertThat(Nd4jSetup.cachesInstalled()).isTrue();
        assertThat(b.metrics()).isEqualTo(a.metrics());
        assertThat(otherSeed.metrics.get(3)).isNotEqualTo(first.metrics.get(3));
    }

    @Test
    void aPrunedTrialStopsAtTheEpochItWasPrunedAt() throws Exception {
        Recorder recorder = new Recorder();
        recorder.pruneAt = 2;

        objective.run(context(PARAMS, SETTINGS, 10, 1, recorder));

        assertThat(recorder.epochs).containsExactly(1, 2);
    }

    @Test
    void aHeldOutTestSplitIsMeasuredOnceAtTheEnd() throws Exception {
        Map<String, Object> settings = new LinkedHashMap<>(SETTINGS);
        settings.put("test_fraction", 0.2);
        Recorder recorder = new Recorder();

        Evaluation result = objective.run(context(PARAMS, settings, 3, 1, recorder));

        assertThat(recorder.metrics).allSatisfy(m -> assertThat(m.keySet()).noneMatch(k -> k.startsWith("test_")));
        assertThat(result.metrics()).containsKeys("test_loss", "test_accuracy", "test_balanced_accuracy",
                "test_macro_f1", "test_recall_c", "test_confusion_a_a");
        double testRows = result.metrics().entrySet().stream().filter(e -> e.getKey().startsWith("test_confusion_"))
                .mapToDouble(Map.Entry::getValue).sum();
        assertThat(testRows).isEqualTo(36);
    }

    @ParameterizedTest
    @CsvSource({"sgd,relu", "momentum,tanh", "nesterov,elu", "adamw,leaky_relu", "rmsprop,sigmoid", "adagrad,relu"})
    void everyOptimizerAndActivationTrains(String optimizer, String activation) throws Exception {
        Map<String, Object> params = new LinkedHashMap<>(PARAMS);
        params.put("optimizer", optimizer);
        params.put("activation", activation);
        params.put("l2", 1e-3);
        Recorder recorder = new Recorder();

        objective.run(context(params, SETTINGS, 2, 1, recorder));

        assertThat(recorder.metrics).hasSize(2).allSatisfy(m -> assertThat(m.get("train_loss")).isFinite().isPositive());
    }

    @Test
    void classWeightsChangeWhatIsLearned() throws Exception {
        Map<String, Object> weighted = new LinkedHashMap<>(PARAMS);
        weighted.put("class_weight", List.of(1, 1, 20));
        Recorder plain = new Recorder();
        Recorder heavy = new Recorder();

        objective.run(context(PARAMS, SETTINGS, 3, 1, plain));
        objective.run(context(weighted, SETTINGS, 3, 1, heavy));

        assertThat(heavy.metrics.get(2).get("train_loss")).isNotEqualTo(plain.metrics.get(2).get("train_loss"));
    }

    @Test
    void aNetworkOverTheMemoryLimitFailsBeforeTraining() {
        MlpClassifierObjective small = new MlpClassifierObjective(environment(1_000_000));
        Map<String, Object> params = Map.of("n_layers", 2, "n_units_l0", 400, "n_units_l1", 400);
        Recorder recorder = new Recorder();

        assertThatThrownBy(() -> small.run(context(params, SETTINGS, 3, 1, recorder)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the network 4-400-400-3 has 163,603 parameters and needs about")
                .hasMessageEndingWith("more than this trainer's limit of 1.0 MB (hyperstream.trainer.model-memory-limit)");
        assertThat(recorder.epochs).isEmpty();
    }

    @Test
    void badSettingsFailWithTheReason() {
        assertThatThrownBy(() -> objective.run(context(PARAMS, Map.of("target", "kind"), 1, 1, new Recorder())))
                .hasMessage("objective.settings.dataset is required");
        assertThatThrownBy(() -> objective.run(context(PARAMS, Map.of("dataset", "nope.csv", "target", "kind"), 1, 1,
                new Recorder())))
                .hasMessageStartingWith("data set 'nope.csv' (objective.settings.dataset) is in none of the data folders [")
                .hasMessageEndingWith("(hyperstream.trainer.data-dirs)");
        assertThatThrownBy(() -> objective.run(context(PARAMS, Map.of("dataset", "blobs.csv", "target", "label"), 1, 1,
                new Recorder())))
                .hasMessageEndingWith("has no target column 'label'; its columns are [f1, f2, f3, f4, kind]");
        assertThatThrownBy(() -> objective.run(context(PARAMS, Map.of("dataset", "blobs.csv", "target", "kind",
                "valid_fraktion", 0.2), 1, 1, new Recorder())))
                .hasMessageStartingWith("unknown setting objective.settings.valid_fraktion for objective kind 'mlp-classifier'");
        assertThatThrownBy(() -> objective.run(new TrialContext("s", 0, PARAMS, SETTINGS, List.of("auc"), 1, 1,
                new Recorder())))
                .hasMessageStartingWith("objective kind 'mlp-classifier' does not report metric 'auc'; it reports [");
    }

    private static TrialContext context(Map<String, Object> params, Map<String, Object> settings, int maxEpochs, long seed,
                                        EpochReporter reporter) {
        return new TrialContext("study", 0, params, settings, List.of("balanced_accuracy"), maxEpochs, seed, reporter);
    }

    static ObjectiveEnvironment environment(long memoryLimit) {
        try {
            Path folder = Path.of(MlpClassifierObjectiveTest.class.getResource("/datasets/blobs.csv").toURI()).getParent();
            return new ObjectiveEnvironment(List.of(folder), memoryLimit);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records every report; answers "pruned" at {@link #pruneAt}. */
    static final class Recorder implements EpochReporter {
        final List<Integer> epochs = new ArrayList<>();
        final List<List<Double>> values = new ArrayList<>();
        final List<Map<String, Double>> metrics = new ArrayList<>();
        int pruneAt = -1;

        @Override
        public boolean report(int epoch, List<Double> reportedValues, Map<String, Double> reportedMetrics) {
            epochs.add(epoch);
            values.add(reportedValues);
            metrics.add(new LinkedHashMap<>(reportedMetrics));
            return epoch == pruneAt;
        }
    }
}

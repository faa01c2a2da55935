package io.hyperstream.trainer.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.trainer.mlp.MlpHyperparameters.Activation;
import io.hyperstream.trainer.mlp.MlpHyperparameters.Balanced;
import io.hyperstream.trainer.mlp.MlpHyperparameters.Explicit;
import io.hyperstream.trainer.mlp.MlpHyperparameters.Optimizer;
import io.hyperstream.trainer.mlp.MlpHyperparameters.Unweighted;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a trial's hyperparameters: the fetal_mlp names, defaults, settings as fallback, clear errors. */
class MlpHyperparametersTest {

    @Test
    void theFetalMlpParametersAreRead() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("n_layers", 2);
        params.put("n_units_l0", 15);
        params.put("n_units_l1", 10L);
        params.put("lr", 0.001);
        params.put("optimizer", "rmsprop");
        params.put("weight_decay", 1e-4);
        params.put("batch_size", 64);

        MlpHyperparameters hp = MlpHyperparameters.read(params, Map.of(), 40);

        assertThat(hp.hiddenUnits()).containsExactly(15, 10);
        assertThat(hp.optimizer()).isEqualTo(Optimizer.RMSPROP);
        assertThat(hp.lr()).isEqualTo(0.001);
        assertThat(hp.weightDecay()).isEqualTo(1e-4);
        assertThat(hp.batchSize()).isEqualTo(64);
        assertThat(hp.activation()).isEqualTo(Activation.RELU);
        assertThat(hp.dropout()).isZero();
        assertThat(hp.classWeight()).isEqualTo(new Unweighted());
        assertThat(hp.epochs()).isEqualTo(40);
    }

    @Test
    void settingsFixWhatTheTrialDoesNotSearchAndTheTrialWins() {
        MlpHyperparameters hp = MlpHyperparameters.read(Map.of("lr", 0.05, "n_layers", 1, "n_units_l0", 8),
                Map.of("lr", 0.5, "optimizer", "nesterov", "momentum", 0.8, "class_weight", "balanced",
                        "activation", "leaky_relu", "epochs", 12), 40);

        assertThat(hp.lr()).isEqualTo(0.05);
        assertThat(hp.optimizer()).isEqualTo(Optimizer.NESTEROV);
        assertThat(hp.momentum()).isEqualTo(0.8);
        assertThat(hp.classWeight()).isEqualTo(new Balanced());
        assertThat(hp.activation()).isEqualTo(Activation.LEAKY_RELU);
        assertThat(hp.epochs()).isEqualTo(12);
    }

    @Test
    void classWeightsMayBeBalancedOrListed() {
        assertThat(new Balanced().weights(new long[] {80, 15, 5})).containsExactly(100.0 / 240, 100.0 / 45, 100.0 / 15);
        MlpHyperparameters listed = read(Map.of("class_weight", List.of(1, 2.5, 4)));
        MlpHyperparameters text = read(Map.of("class_weight", "1, 2.5, 4"));

        assertThat(listed.classWeight()).isEqualTo(new Explicit(List.of(1.0, 2.5, 4.0)));
        assertThat(text.classWeight()).isEqualTo(listed.classWeight());
        assertThatThrownBy(() -> listed.classWeight().weights(new long[] {5, 5}))
                .hasMessage("class_weight lists 3 weights, but the data set has 2 classes");
    }

    @Test
    void badValuesAreNamedWithWhereTheyCameFrom() {
        assertThatThrownBy(() -> read(Map.of("optimizer", "lbfgs")))
                .hasMessage("parameter optimizer must be one of [sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad], "
                        + "but got 'lbfgs'");
        assertThatThrownBy(() -> read(Map.of("lr", -0.1)))
                .hasMessage("parameter lr must be a number > 0.0, but got '-0.1'");
        assertThatThrownBy(() -> read(Map.of("batch_size", 12.5)))
                .hasMessage("parameter batch_size must be an integer in [1, 2147483647], but got '12.5'");
        assertThatThrownBy(() -> read(Map.of("dropout", 1.0)))
                .hasMessage("parameter dropout must be a number >= 0.0 and < 1.0, but got '1.0'");
        assertThatThrownBy(() -> read(Map.of("class_weight", "inverse")))
                .hasMessageStartingWith("parameter class_weight must be none, balanced or a list");
        assertThatThrownBy(() -> read(Map.of("epochs", 41)))
                .hasMessage("parameter epochs epochs=41 exceeds the study's max_epochs 40");
        assertThatThrownBy(() -> MlpHyperparameters.read(Map.of("n_layers", 2, "n_units_l0", 8), Map.of(), 40))
                .hasMessage("parameter n_units_l1 is required (a trial parameter or an objective setting)");
        assertThatThrownBy(() -> MlpHyperparameters.read(Map.of("lr", 0.1), Map.of("n_layers", "two"), 40))
                .hasMessage("objective.settings.n_layers must be an integer in [0, 64], but got 'two'");
    }

    @Test
    void unknownParametersAreRefused() {
        assertThatThrownBy(() -> read(Map.of("learning_rate", 0.1)))
                .hasMessageStartingWith("unknown parameter(s) [learning_rate] for objective kind 'mlp-classifier'");
    }

    @Test
    void theMemoryGuardCountsParametersAndNamesTheLimit() {
        ModelFootprint reference = ModelFootprint.of(21, List.of(15, 10), 3, Optimizer.ADAM, 32, 426);
        assertThat(reference.parameters()).isEqualTo(21 * 15 + 15 + 15 * 10 + 10 + 10 * 3 + 3);
        assertThat(reference.architecture()).isEqualTo("21-15-10-3");
        reference.requireWithin(1_000_000, "limit");

        ModelFootprint huge = ModelFootprint.of(21, List.of(4096, 4096), 3, Optimizer.ADAM, 32, 426);
        assertThat(huge.parameters()).isEqualTo(21 * 4096 + 4096 + 4096 * 4096 + 4096 + 4096 * 3 + 3);
        assertThatThrownBy(() -> huge.requireWithin(256L * 1024 * 1024, "hyperstream.trainer.model-memory-limit"))
                .hasMessage("the network 21-4096-4096-3 has 16,883,715 parameters and needs about 312.1 MB to train, "
                        + "more than this trainer's limit of 268.4 MB (hyperstream.trainer.model-memory-limit)");
        // Adam keeps two values per parameter, plain SGD none.
        assertThat(ModelFootprint.of(21, List.of(4096, 4096), 3, Optimizer.SGD, 32, 426).bytes()).isLessThan(huge.bytes());
    }

    private static MlpHyperparameters read(Map<String, Object> extra) {
        Map<String, Object> params = new LinkedHashMap<>(Map.of("n_layers", 1, "n_units_l0", 8));
        params.putAll(extra);
        return MlpHyperparameters.read(params, Map.of(), 40);
    }
}

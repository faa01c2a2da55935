package io.hyperstream.trainer.mlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The size of a multilayer perceptron before it is built: its parameter count and an estimate of
 * the memory training it takes, so that a configuration too large for the trainer fails at once
 * with the reason instead of exhausting the machine. Plain Java.
 *
 * <p>The estimate counts 4-byte floats: the parameters, their gradients and the optimizer's state
 * (Adam: two values per parameter, momentum, RMSprop and AdaGrad: one, SGD: none), plus the
 * activations, their pre-activations and their gradients for the larger of one minibatch and the
 * evaluated split, at every layer.
 *
 * @param layerSizes  inputs, each hidden layer's width, outputs
 * @param parameters  weights and biases
 * @param bytes       estimated memory to train and evaluate the network
 */
public record ModelFootprint(List<Integer> layerSizes, long parameters, long bytes) {

    private static final long FLOAT_BYTES = 4;

    public ModelFootprint {
        layerSizes = List.copyOf(layerSizes);
    }

    /** The footprint of a network with these layer sizes, trained in batches of {@code batchSize}, evaluating {@code evalRows} at once. */
    public static ModelFootprint of(int inputs, List<Integer> hidden, int outputs, MlpHyperparameters.Optimizer optimizer,
                                    int batchSize, int evalRows) {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(inputs);
        sizes.addAll(hidden);
        sizes.add(outputs);
        long parameters = 0;
        long units = 0;
        for (int i = 1; i < sizes.size(); i++) {
            parameters += (long) sizes.get(i - 1) * sizes.get(i) + sizes.get(i);
        }
        for (int size : sizes) {
            units += size;
        }
        long perParameter = 2 + stateSize(optimizer);
        long rows = Math.max(batchSize, evalRows);
        long bytes = FLOAT_BYTES * (parameters * perParameter + 3 * rows * units);
        return new ModelFootprint(sizes, parameters, bytes);
    }

    private static int stateSize(MlpHyperparameters.Optimizer optimizer) {
        switch (optimizer) {
            case SGD:
                return 0;
            case ADAM:
            case ADAMW:
                return 2;
            default:
                return 1;
        }
    }

    /** Throws with the reason if the estimate exceeds {@code limitBytes}. */
    public void requireWithin(long limitBytes, String limitName) {
        if (bytes > limitBytes) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the network %s has %,d parameters and needs about %s to train, more than this trainer's limit of "
                            + "%s (%s)", architecture(), parameters, megabytes(bytes), megabytes(limitBytes), limitName));
        }
    }

    /** The layer sizes joined by dashes, such as 21-15-10-3. */
    public String architecture() {
        return String.join("-", layerSizes.stream().map(String::valueOf).toList());
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}

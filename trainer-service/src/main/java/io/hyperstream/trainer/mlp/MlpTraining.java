package io.hyperstream.trainer.mlp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One trial's network with its training rows and validation rows in native memory: an epoch of
 * training, an evaluation, and the release of everything at the end. Used by the objective and by
 * the trainer benchmark, so that the benchmark times exactly what trials run.
 */
final class MlpTraining implements AutoCloseable {

    private final MultiLayerNetwork network;
    private final PreparedData data;
    private final int featureCount;
    private final int classes;
    private final int[] trainLabels;
    private final int[] validLabels;
    private final Minibatches batches;
    private final INDArray validFeatures;

    MlpTraining(PreparedData data, MlpHyperparameters hp, long seed) {
        Nd4jSetup.apply();
        this.data = data;
        this.featureCount = data.dataset().featureCount();
        this.classes = data.classes().size();
        this.trainLabels = data.labels(data.split().train());
        this.validLabels = data.labels(data.split().valid());
        double[] classWeights = hp.classWeight().weights(counts(trainLabels, classes));
        this.network = MlpNetworks.build(hp, featureCount, classes, classWeights, seed);
        // Dropout draws from ND4J's per-thread generator: seed it too, so a trial repeats exactly.
        Nd4j.getRandom().setSeed(seed);
        this.batches = new Minibatches(data.train(), trainLabels, featureCount, classes, hp.batchSize(), seed);
        this.validFeatures = Nd4j.create(data.valid(), new long[] {validLabels.length, featureCount}, DataType.FLOAT);
    }

    /** One pass over the shuffled training rows; returns the mean minibatch loss (weighted by batch size). */
    double trainEpoch() {
        batches.shuffle();
        double lossSum = 0;
        for (int b = 0; b < batches.count(); b++) {
            INDArray features = batches.features(b);
            network.fit(features, batches.labels(b));
            lossSum += network.score() * batches.rows(b);
        }
        network.incrementEpochCount();
        return lossSum / trainLabels.length;
    }

    /** The validation metrics after an epoch: losses first, then accuracy, balanced accuracy, macro-F1, recalls. */
    Map<String, Double> validationMetrics(double trainLoss) {
        float[] probabilities = predict(validFeatures);
        ConfusionMatrix matrix = confusion(probabilities, validLabels);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train_loss", trainLoss);
        metrics.put("valid_loss", ClassificationMetrics.crossEntropy(probabilities, validLabels, classes));
        metrics.putAll(ClassificationMetrics.summary(matrix, data.classes(), ""));
        return metrics;
    }

    /** The validation confusion matrix of the current network. */
    ConfusionMatrix validationConfusion() {
        return confusion(predict(validFeatures), validLabels);
    }

    /** Loss, summary and confusion matrix on the test rows, prefixed {@code test_}. */
    Map<String, Double> testMetrics() {
        int[] labels = data.labels(data.split().test());
        INDArray features = Nd4j.create(data.test(), new long[] {labels.length, featureCount}, DataType.FLOAT);
        try {
            float[] probabilities = predict(features);
            ConfusionMatrix matrix = confusion(probabilities, labels);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("test_loss", ClassificationMetrics.crossEntropy(probabilities, labels, classes));
            metrics.putAll(ClassificationMetrics.summary(matrix, data.classes(), "test_"));
            metrics.putAll(ClassificationMetrics.confusion(matrix, data.classes(), "test_"));
            return metrics;
        } finally {
            features.close();
        }
    }

    /** Class probabilities of every row, row-major. */
    private float[] predict(INDArray features) {
        INDArray output = network.output(features, false);
        try {
            return output.data().asFloat();
        } finally {
            if (output.closeable()) {
                output.close();
            }
        }
    }

    private ConfusionMatrix confusion(float[] probabilities, int[] labels) {
        return ConfusionMatrix.of(classes, labels, ClassificationMetrics.argMax(probabilities, classes));
    }

    private static long[] counts(int[] labels, int classes) {
        long[] counts = new long[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * Frees the network's native memory now rather than when the garbage collector gets to it
     * ({@code MultiLayerNetwork.close()} would also force a full collection).
     */
    @Override
    public void close() {
        batches.close();
        validFeatures.close();
        closeQuietly(network.params());
        closeQuietly(network.getFlattenedGradients());
        if (network.getUpdater(false) != null) {
            closeQuietly(network.getUpdater(false).getStateViewArray());
        }
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
    }

    private static void closeQuietly(INDArray array) {
        if (array != null && array.closeable()) {
            array.close();
        }
    }

    /** The class names, for metric names. */
    List<String> classNames() {
        return data.classes();
    }
}

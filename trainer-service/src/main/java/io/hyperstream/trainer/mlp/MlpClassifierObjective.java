package io.hyperstream.trainer.mlp;

import io.hyperstream.trainer.objective.Evaluation;
import io.hyperstream.trainer.objective.Objective;
import io.hyperstream.trainer.objective.ObjectiveEnvironment;
import io.hyperstream.trainer.objective.TrialContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@code mlp-classifier} objective: a multilayer perceptron trained with DeepLearning4J on a
 * CSV classification data set, with its architecture and training hyperparameters from the trial.
 *
 * <p>Per trial: read (or reuse) the data set, split it stratified with the split seed, standardize
 * with the training rows' statistics, check the model's memory estimate against the trainer's
 * limit, then train epoch by epoch in shuffled minibatches, reporting after each epoch
 * {@code train_loss}, {@code valid_loss}, {@code accuracy}, {@code balanced_accuracy},
 * {@code macro_f1} and {@code recall_<class>} on the validation rows. The final metrics add the
 * validation confusion matrix ({@code confusion_<actual>_<predicted>}), the data set's
 * {@code null_accuracy} (majority share) and, with a test split, the same figures on it prefixed
 * {@code test_}. The same parameters and seed give the same metrics.
 */
public final class MlpClassifierObjective implements Objective {

    /** The {@code objective.kind} of this objective. */
    public static final String KIND = "mlp-classifier";
    /** The configuration property that sets the model memory limit, named in the guard's message. */
    public static final String MEMORY_LIMIT_PROPERTY = "hyperstream.trainer.model-memory-limit";
    /** The configuration property that sets the data folders, named when a data set is not found. */
    public static final String DATA_DIRS_PROPERTY = "hyperstream.trainer.data-dirs";

    private final DataDirectories dataDirectories;
    private final long memoryLimitBytes;
    private final PreparedData.Cache cache = new PreparedData.Cache();

    public MlpClassifierObjective(ObjectiveEnvironment environment) {
        this.dataDirectories = new DataDirectories(environment.dataDirectories(), DATA_DIRS_PROPERTY);
        this.memoryLimitBytes = environment.modelMemoryLimitBytes();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Evaluation run(TrialContext context) throws Exception {
        MlpSettings settings = MlpSettings.read(KIND, context.settings());
        MlpHyperparameters hp = MlpHyperparameters.read(context.params(), MlpSettings.hyperparameters(context.settings()),
                context.maxEpochs());
        PreparedData data = cache.load(dataDirectories.find(settings.dataset()), settings);
        requireMeasured(context.metrics(), data.classes());
        int featureCount = data.dataset().featureCount();
        int classes = data.classes().size();
        int[] trainLabels = data.labels(data.split().train());
        int[] validLabels = data.labels(data.split().valid());
        ModelFootprint.of(featureCount, hp.hiddenUnits(), classes, hp.optimizer(), hp.batchSize(), validLabels.length)
                .requireWithin(memoryLimitBytes, MEMORY_LIMIT_PROPERTY);
        double[] classWeights = hp.classWeight().weights(counts(trainLabels, classes));

        MultiLayerNetwork network = MlpNetworks.build(hp, featureCount, classes, classWeights, context.seed());
        // Dropout draws from ND4J's per-thread generator: seed it too, so a trial repeats exactly.
        Nd4j.getRandom().setSeed(context.seed());
        INDArray validFeatures = Nd4j.create(data.valid(), new long[] {validLabels.length, featureCount}, DataType.FLOAT);
        try (Minibatches batches = new Minibatches(data.train(), trainLabels, featureCount, classes, hp.batchSize(),
                context.seed())) {
            Map<String, Double> last = null;
            for (int epoch = 1; epoch <= hp.epochs(); epoch++) {
                double trainLoss = trainEpoch(network, batches, trainLabels.length);
                last = ordered(context.metrics(), epochMetrics(network, validFeatures, validLabels, data.classes(), trainLoss));
                if (context.reporter().report(epoch, context.select(last))) {
                    return context.select(last);
                }
            }
            Map<String, Double> result = new LinkedHashMap<>(last);
            ConfusionMatrix valid = confusion(predict(network, validFeatures, classes), validLabels, classes);
            result.putAll(ClassificationMetrics.confusion(valid, data.classes(), ""));
            result.put("null_accuracy", ClassificationMetrics.nullAccuracy(data.dataset().classCounts()));
            if (data.split().test().length > 0) {
                result.putAll(testMetrics(network, data, featureCount));
            }
            return context.select(result);
        } finally {
            validFeatures.close();
            release(network);
        }
    }

    /** One pass over the shuffled training rows; returns the mean minibatch loss (weighted by batch size). */
    private static double trainEpoch(MultiLayerNetwork network, Minibatches batches, int rows) {
        batches.shuffle();
        double lossSum = 0;
        for (int b = 0; b < batches.count(); b++) {
            INDArray features = batches.features(b);
            network.fit(features, batches.labels(b));
            lossSum += network.score() * batches.rows(b);
        }
        network.incrementEpochCount();
        return lossSum / rows;
    }

    private static Map<String, Double> epochMetrics(MultiLayerNetwork network, INDArray features, int[] labels,
                                                    List<String> classNames, double trainLoss) {
        float[] probabilities = predict(network, features, classNames.size());
        ConfusionMatrix matrix = confusion(probabilities, labels, classNames.size());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train_loss", trainLoss);
        metrics.put("valid_loss", ClassificationMetrics.crossEntropy(probabilities, labels, classNames.size()));
        metrics.putAll(ClassificationMetrics.summary(matrix, classNames, ""));
        return metrics;
    }

    private static Map<String, Double> testMetrics(MultiLayerNetwork network, PreparedData data, int featureCount) {
        int[] labels = data.labels(data.split().test());
        int classes = data.classes().size();
        INDArray features = Nd4j.create(data.test(), new long[] {labels.length, featureCount}, DataType.FLOAT);
        try {
            float[] probabilities = predict(network, features, classes);
            ConfusionMatrix matrix = confusion(probabilities, labels, classes);
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
    private static float[] predict(MultiLayerNetwork network, INDArray features, int classes) {
        INDArray output = network.output(features, false);
        try {
            return output.data().asFloat();
        } finally {
            if (output.closeable()) {
                output.close();
            }
        }
    }

    private static ConfusionMatrix confusion(float[] probabilities, int[] labels, int classes) {
        return ConfusionMatrix.of(classes, labels, ClassificationMetrics.argMax(probabilities, classes));
    }

    private static long[] counts(int[] labels, int classes) {
        long[] counts = new long[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The study's metrics first, in its order, then the others. */
    private static Map<String, Double> ordered(List<String> first, Map<String, Double> metrics) {
        Map<String, Double> ordered = new LinkedHashMap<>();
        for (String name : first) {
            if (metrics.containsKey(name)) {
                ordered.put(name, metrics.get(name));
            }
        }
        metrics.forEach(ordered::putIfAbsent);
        return ordered;
    }

    /** Fails before training if the study optimizes a metric this objective does not report every epoch. */
    private static void requireMeasured(List<String> metrics, List<String> classNames) {
        List<String> available = new ArrayList<>(List.of("train_loss", "valid_loss", "accuracy", "balanced_accuracy",
                "macro_f1"));
        for (String name : classNames) {
            available.add("recall_" + name);
        }
        for (String metric : metrics) {
            if (!available.contains(metric)) {
                throw new IllegalArgumentException("objective kind '" + KIND + "' does not report metric '" + metric
                        + "'; it reports " + new TreeSet<>(available));
            }
        }
    }

    /**
     * Frees the network's native memory now rather than when the garbage collector gets to it
     * ({@code MultiLayerNetwork.close()} would also force a full collection).
     */
    private static void release(MultiLayerNetwork network) {
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
}

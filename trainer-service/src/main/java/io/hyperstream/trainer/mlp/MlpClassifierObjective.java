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
        ModelFootprint.of(data.dataset().featureCount(), hp.hiddenUnits(), data.classes().size(), hp.optimizer(),
                hp.batchSize(), data.split().valid().length).requireWithin(memoryLimitBytes, MEMORY_LIMIT_PROPERTY);
        try (MlpTraining training = new MlpTraining(data, hp, context.seed())) {
            Map<String, Double> last = null;
            for (int epoch = 1; epoch <= hp.epochs(); epoch++) {
                last = ordered(context.metrics(), training.validationMetrics(training.trainEpoch()));
                if (context.reporter().report(epoch, context.select(last))) {
                    return context.select(last);
                }
            }
            Map<String, Double> result = new LinkedHashMap<>(last);
            result.putAll(ClassificationMetrics.confusion(training.validationConfusion(), data.classes(), ""));
            result.put("null_accuracy", ClassificationMetrics.nullAccuracy(data.dataset().classCounts()));
            if (data.split().test().length > 0) {
                result.putAll(training.testMetrics());
            }
            return context.select(result);
        }
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
}

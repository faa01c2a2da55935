package io.hyperstream.trainer.mlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The hyperparameters of one multilayer-perceptron trial, read from the trial's parameters, or,
 * for any not searched, from the objective's settings, else their defaults. Errors name the
 * parameter and the bad value. Plain Java.
 *
 * @param hiddenUnits  width of each hidden layer ({@code n_layers}, {@code n_units_l0..})
 * @param activation   of the hidden layers
 * @param optimizer    the update rule
 * @param lr           learning rate
 * @param momentum     of {@code momentum} and {@code nesterov} (ignored by the others)
 * @param weightDecay  L2 penalty on the weights for every optimizer but adamw, whose decay is
 *                     decoupled (as PyTorch's {@code weight_decay})
 * @param l2           an extra L2 penalty on the weights, for every optimizer
 * @param dropout      probability of dropping each hidden unit during training
 * @param batchSize    examples per minibatch
 * @param classWeight  how classes are weighted in the loss
 * @param epochs       epochs to train (at most the study's max_epochs)
 */
public record MlpHyperparameters(List<Integer> hiddenUnits, Activation activation, Optimizer optimizer, double lr,
                                 double momentum, double weightDecay, double l2, double dropout, int batchSize,
                                 ClassWeight classWeight, int epochs) {

    /** Hidden-layer activation functions. */
    public enum Activation { RELU, LEAKY_RELU, ELU, TANH, SIGMOID }

    /** Update rules. */
    public enum Optimizer { SGD, MOMENTUM, NESTEROV, ADAM, ADAMW, RMSPROP, ADAGRAD }

    /** The hyperparameter names with fixed spelling; plus {@code n_units_l<i>}. */
    public static final Set<String> NAMES = Set.of("n_layers", "lr", "optimizer", "momentum", "weight_decay", "l2",
            "dropout", "batch_size", "activation", "class_weight", "epochs");
    private static final Pattern UNITS = Pattern.compile("n_units_l(0|[1-9][0-9]*)");
    /** Hidden layers allowed at most: more is a typo, not a search space. */
    static final int MAX_LAYERS = 64;

    public MlpHyperparameters {
        hiddenUnits = List.copyOf(hiddenUnits);
    }

    /** Whether {@code name} is a hyperparameter of this objective. */
    public static boolean isName(String name) {
        return NAMES.contains(name) || UNITS.matcher(name).matches();
    }

    /**
     * Reads the hyperparameters: a trial parameter wins over a setting of the same name. Unknown
     * trial parameters are refused; {@code maxEpochs} is the study's epoch budget.
     */
    public static MlpHyperparameters read(Map<String, Object> params, Map<String, Object> settings, int maxEpochs) {
        Set<String> unknown = new TreeSet<>();
        for (String name : params.keySet()) {
            if (!isName(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown parameter(s) " + unknown + " for objective kind 'mlp-classifier'; "
                    + "it takes n_layers, n_units_l0.., and " + new TreeSet<>(NAMES));
        }
        Source source = new Source(params, settings);
        int layers = source.integer("n_layers", null, 0, MAX_LAYERS);
        List<Integer> units = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            units.add(source.integer("n_units_l" + i, null, 1, 1_000_000));
        }
        Activation activation = source.choice("activation", Activation.class, Activation.RELU);
        Optimizer optimizer = source.choice("optimizer", Optimizer.class, Optimizer.ADAM);
        double lr = source.number("lr", 1e-3, 0, false, Double.POSITIVE_INFINITY);
        double momentum = source.number("momentum", 0.9, 0, true, 1);
        double weightDecay = source.number("weight_decay", 0.0, 0, true, Double.POSITIVE_INFINITY);
        double l2 = source.number("l2", 0.0, 0, true, Double.POSITIVE_INFINITY);
        double dropout = source.number("dropout", 0.0, 0, true, 1);
        int batchSize = source.integer("batch_size", 32, 1, Integer.MAX_VALUE);
        ClassWeight classWeight = source.classWeight();
        int epochs = source.integer("epochs", maxEpochs, 1, Integer.MAX_VALUE);
        if (epochs > maxEpochs) {
            throw new IllegalArgumentException(source.where("epochs") + " epochs=" + epochs
                    + " exceeds the study's max_epochs " + maxEpochs);
        }
        return new MlpHyperparameters(units, activation, optimizer, lr, momentum, weightDecay, l2, dropout, batchSize,
                classWeight, epochs);
    }

    /** How the classes are weighted in the training loss. */
    public sealed interface ClassWeight permits Unweighted, Balanced, Explicit {

        /** The weight of each class, given the training rows' class counts. */
        double[] weights(long[] trainCounts);
    }

    /** Every class weighs 1 (plain cross-entropy). */
    public record Unweighted() implements ClassWeight {
        @Override
        public double[] weights(long[] trainCounts) {
            double[] weights = new double[trainCounts.length];
            Arrays.fill(weights, 1);
            return weights;
        }
    }

    /**
     * Weights inversely proportional to class frequency in the training rows,
     * {@code n / (classes * n_c)} (scikit-learn's "balanced").
     */
    public record Balanced() implements ClassWeight {
        @Override
        public double[] weights(long[] trainCounts) {
            long total = Arrays.stream(trainCounts).sum();
            double[] weights = new double[trainCounts.length];
            for (int c = 0; c < weights.length; c++) {
                weights[c] = trainCounts[c] == 0 ? 0 : (double) total / (trainCounts.length * trainCounts[c]);
            }
            return weights;
        }
    }

    /** Weights given per class, in class order. */
    public record Explicit(List<Double> given) implements ClassWeight {
        public Explicit {
            given = List.copyOf(given);
        }

        @Override
        public double[] weights(long[] trainCounts) {
            if (given.size() != trainCounts.length) {
                throw new IllegalArgumentException("class_weight lists " + given.size() + " weights, but the data set has "
                        + trainCounts.length + " classes");
            }
            return given.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /** Looks a value up in the trial parameters, then the settings, and says where a bad one came from. */
    private record Source(Map<String, Object> params, Map<String, Object> settings) {

        Object get(String name) {
            return params.containsKey(name) ? params.get(name) : settings.get(name);
        }

        String where(String name) {
            return params.containsKey(name) ? "parameter " + name : "objective.settings." + name;
        }

        int integer(String name, Integer defaultValue, int min, int max) {
            Object value = get(name);
            if (value == null) {
                if (defaultValue == null) {
                    throw new IllegalArgumentException("parameter " + name + " is required (a trial parameter or an "
                            + "objective setting)");
                }
                return defaultValue;
            }
            Double number = asNumber(value);
            if (number == null || number != Math.rint(number) || number < min || number > max) {
                throw new IllegalArgumentException(where(name) + " must be an integer in [" + min + ", " + max
                        + "], but got '" + value + "'");
            }
            return number.intValue();
        }

        double number(String name, double defaultValue, double min, boolean minIncluded, double maxExcluded) {
            Object value = get(name);
            if (value == null) {
                return defaultValue;
            }
            Double number = asNumber(value);
            if (number == null || !Double.isFinite(number) || (minIncluded ? number < min : number <= min)
                    || number >= maxExcluded) {
                throw new IllegalArgumentException(where(name) + " must be a number " + (minIncluded ? ">= " : "> ") + min
                        + (Double.isInfinite(maxExcluded) ? "" : " and < " + maxExcluded) + ", but got '" + value + "'");
            }
            return number;
        }

        <E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue) {
            Object value = get(name);
            if (value == null) {
                return defaultValue;
            }
            String text = value.toString().trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(text)) {
                    return constant;
                }
            }
            List<String> names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
            throw new IllegalArgumentException(where(name) + " must be one of " + names + ", but got '" + value + "'");
        }

        ClassWeight classWeight() {
            Object value = get("class_weight");
            if (value == null) {
                return new Unweighted();
            }
            List<?> items = null;
            if (value instanceof List<?> list) {
                items = list;
            } else {
                String text = value.toString().trim().toLowerCase(Locale.ROOT);
                if (text.equals("none") || text.equals("unweighted")) {
                    return new Unweighted();
                }
                if (text.equals("balanced")) {
                    return new Balanced();
                }
                if (text.contains(",")) {
                    items = Arrays.asList(text.replace("[", "").replace("]", "").split(","));
                }
            }
            if (items == null) {
                throw new IllegalArgumentException(where("class_weight") + " must be none, balanced or a list of one "
                        + "weight per class (such as [1, 3, 5] or \"1,3,5\"), but got '" + value + "'");
            }
            List<Double> weights = new ArrayList<>();
            for (Object item : items) {
                Double weight = asNumber(item instanceof String s ? s.trim() : item);
                if (weight == null || !Double.isFinite(weight) || weight < 0) {
                    throw new IllegalArgumentException(where("class_weight") + " weights must be numbers >= 0, but got '"
                            + item + "' in " + value);
                }
                weights.add(weight);
            }
            return new Explicit(weights);
        }

        private static Double asNumber(Object value) {
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            if (value instanceof String s) {
                try {
                    return Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        }
    }
}

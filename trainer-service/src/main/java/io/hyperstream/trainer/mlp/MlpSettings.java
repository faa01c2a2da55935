package io.hyperstream.trainer.mlp;

import io.hyperstream.trainer.objective.Settings;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The fixed settings of the {@code mlp-classifier} objective ({@code objective.settings}): the
 * data set, its target column and how it is split. Hyperparameters may be fixed here too, under
 * their parameter names, for those the study does not search.
 *
 * @param dataset       a CSV file: a name looked up in the trainer's data folders, or a path
 * @param target        the column holding the class
 * @param validFraction share of each class held out for the per-epoch validation metrics
 * @param testFraction  share of each class held out as a test split, measured once at the end (0: none)
 * @param splitSeed     seed of the split (the same for every trial, so trials compare on the same rows)
 */
public record MlpSettings(String dataset, String target, double validFraction, double testFraction, long splitSeed) {

    /** The setting names besides the hyperparameters. */
    public static final Set<String> NAMES = Set.of("dataset", "target", "valid_fraction", "test_fraction", "split_seed");

    /** Reads the settings; unknown names are refused. */
    public static MlpSettings read(String kind, Map<String, Object> values) {
        Set<String> known = new HashSet<>(NAMES);
        for (String name : values.keySet()) {
            if (MlpHyperparameters.isName(name)) {
                known.add(name);
            }
        }
        known.addAll(MlpHyperparameters.NAMES);
        Settings settings = Settings.of(kind, values, known);
        double splitSeed = settings.number("split_seed", 42, Long.MIN_VALUE);
        if (splitSeed != Math.rint(splitSeed)) {
            throw new IllegalArgumentException("objective.settings.split_seed must be an integer, but got " + splitSeed);
        }
        return new MlpSettings(settings.text("dataset"), settings.text("target"),
                settings.number("valid_fraction", 0.2, 0), settings.number("test_fraction", 0, 0), (long) splitSeed);
    }

    /** The hyperparameters fixed in the settings, by name. */
    public static Map<String, Object> hyperparameters(Map<String, Object> values) {
        Map<String, Object> fixed = new HashMap<>();
        values.forEach((name, value) -> {
            if (MlpHyperparameters.isName(name)) {
                fixed.put(name, value);
            }
        });
        return fixed;
    }
}

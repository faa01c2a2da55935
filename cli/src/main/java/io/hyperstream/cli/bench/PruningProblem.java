package io.hyperstream.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import io.hyperstream.model.Json;
import io.hyperstream.model.pruner.PrunerSettings;
import io.hyperstream.model.spec.PrunerSpec;
import io.hyperstream.model.spec.StudySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A problem of a benchmark file as a study a trainer runs: an {@code ml} problem on the
 * {@code mlp-classifier} objective (its data set, path relative to the folder above the file's
 * own, its split and epoch budget), a {@code synthetic} one on the {@code synthetic} objective (its
 * function, a learning curve that reaches f(x) at the last epoch; the file's constants are not
 * passed: the trainer uses the function's standard ones). With the reference pruner settings of
 * the file's {@code pruners} section (Optuna class and arguments; the arguments keep their names
 * here).
 *
 * @param problem   the problem's search space and direction
 * @param dataset   the data set's absolute path; null for a synthetic problem
 * @param target    its class column
 * @param validFraction share of each class held out for validation
 * @param splitSeed seed of the stratified split
 * @param maxEpochs epochs of an unpruned trial
 * @param prunerArgs reference arguments by pruner name ({@code nop} is {@code none})
 */
record PruningProblem(BenchProblem problem, Path dataset, String target, double validFraction, long splitSeed,
                      int maxEpochs, Map<String, Map<String, Object>> prunerArgs) {

    /** The metric the mlp-classifier reports and an ml study optimizes. */
    static final String METRIC = "balanced_accuracy";

    /** The metric a study of this problem optimizes. */
    String metric() {
        return dataset == null ? "value" : METRIC;
    }

    /** Reads problem {@code name} of {@code file}: of kind {@code ml} with a data set, or {@code synthetic}. */
    @SuppressWarnings("unchecked")
    static PruningProblem read(Path file, String name) {
        BenchProblem problem = BenchFile.read(file).problem(name);
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "cannot read the problems file " + file + ": " + e.getMessage());
        }
        JsonNode node = null;
        for (JsonNode p : root.path("problems")) {
            if (name.equals(p.path("name").asText())) {
                node = p;
            }
        }
        String where = "problem '" + name + "' of " + file;
        Map<String, Map<String, Object>> args = new LinkedHashMap<>();
        root.path("pruners").fields().forEachRemaining(e -> args.put(e.getKey().equals("nop") ? "none" : e.getKey(),
                e.getValue().path("args").isObject()
                        ? Json.mapper().convertValue(e.getValue().path("args"), Map.class) : Map.of()));
        int maxEpochs = node == null ? 40 : node.path("training").path("max_epochs").asInt(40);
        if (problem.evaluable()) {
            return new PruningProblem(problem, null, null, 0, 0, maxEpochs, args);
        }
        if (!"ml".equals(problem.kind()) || node == null || !node.path("dataset").isObject()) {
            throw new CliException(ExitCodes.BAD_INPUT, where + " is neither synthetic nor a machine-learning problem"
                    + " with a data set (kind 'ml', a 'dataset' section)");
        }
        JsonNode dataset = node.path("dataset");
        if (!dataset.path("path").isTextual() || !dataset.path("target").isTextual()) {
            throw new CliException(ExitCodes.BAD_INPUT, where + ": dataset.path and dataset.target are required");
        }
        Path base = file.toAbsolutePath().normalize().getParent();
        base = base.getParent() != null ? base.getParent() : base;
        Path data = base.resolve(dataset.path("path").asText()).normalize();
        if (!Files.isRegularFile(data)) {
            throw new CliException(ExitCodes.BAD_INPUT, where + ": its data set " + data + " does not exist"
                    + " (dataset.path is relative to the folder above the problems file's)");
        }
        JsonNode split = dataset.path("split");
        return new PruningProblem(problem, data, dataset.path("target").asText(),
                split.path("valid_fraction").asDouble(0.2), split.path("seed").asLong(42), maxEpochs, args);
    }

    /** The pruner section of a benchmark pruner name, with the file's reference arguments. */
    PrunerSpec pruner(String name) {
        return new PrunerSpec(name, prunerArgs.getOrDefault(name, Map.of()));
    }

    /**
     * The study for one run: TPE seeded with {@code seed}, {@code trials} trials, {@code parallelism}
     * at a time; {@code synthetic} holds extra settings of a synthetic objective (epoch_delay_ms, noise).
     */
    StudySpec study(String pruner, long seed, int trials, int parallelism, int epochs, Map<String, Object> synthetic) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", problem.name() + "-" + pruner);
        json.put("direction", problem.direction().jsonName());
        json.put("search_space", Json.mapper().convertValue(problem.params(), List.class));
        json.put("sampler", Map.of("type", "tpe", "seed", seed));
        PrunerSpec prunerSpec = pruner(pruner);
        json.put("pruner", Map.of("type", prunerSpec.type(), "options", prunerSpec.options()));
        Map<String, Object> settings = new LinkedHashMap<>();
        if (dataset == null) {
            settings.put("function", problem.function());
            settings.put("direction", problem.direction().jsonName());
            settings.putAll(synthetic);
        } else {
            settings.put("dataset", dataset.toString());
            settings.put("target", target);
            settings.put("valid_fraction", validFraction);
            settings.put("split_seed", splitSeed);
        }
        json.put("objective", Map.of("kind", dataset == null ? "synthetic" : "mlp-classifier", "settings", settings,
                "metric", metric(), "max_epochs", epochs));
        json.put("budget", Map.of("n_trials", trials, "parallelism", parallelism));
        StudySpec spec = Json.read(Json.write(json), StudySpec.class);
        try {
            PrunerSettings.of(spec);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--pruners " + pruner + ": " + e.getMessage());
        }
        return spec;
    }
}

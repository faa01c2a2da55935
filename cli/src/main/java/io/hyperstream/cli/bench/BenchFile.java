package io.hyperstream.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import io.hyperstream.model.Json;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.model.spec.StudySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark file in the {@code hpo-anchor-problems/1} format: problems (search spaces, known
 * optima, functions) and the reference settings of each sampler.
 *
 * @param problems the problems, in file order
 * @param samplers reference settings by sampler name ({@code skip_if_categorical}, ...), as raw JSON
 */
public record BenchFile(List<BenchProblem> problems, Map<String, JsonNode> samplers) {

    /** Reads and checks a benchmark file; a clear error names the problem and field that are wrong. */
    public static BenchFile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "cannot read the problems file " + file + ": " + e.getMessage());
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "the problems file " + file + " is not JSON: " + e.getMessage());
        }
        if (!root.path("problems").isArray() || root.path("problems").isEmpty()) {
            throw new CliException(ExitCodes.BAD_INPUT, "the problems file " + file + " has no 'problems' list");
        }
        List<BenchProblem> problems = new ArrayList<>();
        for (JsonNode node : root.path("problems")) {
            problems.add(problem(file, node));
        }
        Map<String, JsonNode> samplers = new LinkedHashMap<>();
        root.path("samplers").fields().forEachRemaining(e -> samplers.put(e.getKey(), e.getValue()));
        return new BenchFile(List.copyOf(problems), samplers);
    }

    /** The problem of that name, or an error listing the names there are. */
    public BenchProblem problem(String name) {
        return problems.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new CliException(ExitCodes.BAD_INPUT, "no problem '" + name
                        + "' in the problems file; its problems: " + problems.stream().map(BenchProblem::name).toList()));
    }

    /** Why the reference settings skip {@code sampler} on {@code problem}, or null when they do not. */
    public String referenceSkip(String sampler, BenchProblem problem) {
        JsonNode settings = samplers.get(sampler);
        if (settings != null && settings.path("skip_if_categorical").asBoolean(false) && problem.hasCategorical()) {
            return "the space has categorical parameters (skip_if_categorical in the problems file)";
        }
        return null;
    }

    private static BenchProblem problem(Path file, JsonNode node) {
        String name = node.path("name").asText("");
        String where = "problem '" + (name.isEmpty() ? "?" : name) + "' of " + file;
        if (name.isEmpty()) {
            throw new CliException(ExitCodes.BAD_INPUT, where + ": 'name' is required");
        }
        String kind = node.path("kind").asText("synthetic");
        String function = node.path("function").asText(name);
        Direction direction;
        try {
            direction = Direction.parse(node.path("direction").asText("minimize"));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, where + ": " + e.getMessage());
        }
        JsonNode optimumNode = node.path("optimum");
        Double optimum = optimumNode.isNumber() ? optimumNode.asDouble() : null;
        @SuppressWarnings("unchecked")
        Map<String, Object> constants = node.path("constants").isObject()
                ? Json.mapper().convertValue(node.path("constants"), Map.class)
                : Map.of();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", name);
        spec.put("direction", direction.jsonName());
        spec.put("search_space", Json.mapper().convertValue(node.path("params"), List.class));
        spec.put("objective", Map.of("kind", kind, "max_epochs", 1));
        spec.put("budget", Map.of("n_trials", 1));
        StudySpec study;
        try {
            study = Json.read(Json.write(spec), StudySpec.class);
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.BAD_INPUT, where + ": its params are not a valid search space: " + e.getMessage());
        }
        return new BenchProblem(name, kind, function, direction, optimum, Map.copyOf(constants), study);
    }
}

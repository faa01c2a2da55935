package io.hyperstream.cli.bench;

import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import io.hyperstream.model.Json;
import io.hyperstream.sampler.algorithm.SamplerRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What the bench commands share: list options, the JSON file, the sampler names. */
final class BenchOutput {

    private BenchOutput() {
    }

    /** Writes a benchmark's JSON object to {@code file}. */
    static void writeJson(Path file, Map<String, Object> json) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Positive integers from a comma-separated option, in the order given. */
    static List<Integer> positiveInts(String option, String text) {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                int v = Integer.parseInt(part.trim());
                if (v <= 0) {
                    throw new NumberFormatException();
                }
                values.add(v);
            } catch (NumberFormatException e) {
                throw new CliException(ExitCodes.BAD_INPUT, option + " takes positive integers separated by commas, but got '"
                        + text + "'");
            }
        }
        return List.copyOf(values);
    }

    /** The samplers of a --samplers option (all registered ones when absent), each type checked. */
    static List<SamplerChoice> samplers(SamplerRegistry registry, String text) {
        if (text == null || text.isBlank()) {
            return registry.names().stream().map(SamplerChoice::parse).toList();
        }
        List<SamplerChoice> choices = Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(SamplerChoice::parse).toList();
        for (SamplerChoice choice : choices) {
            if (!registry.names().contains(choice.type())) {
                throw new CliException(ExitCodes.BAD_INPUT, "--samplers: unknown sampler '" + choice.type()
                        + "'; known samplers: " + registry.names());
            }
        }
        return choices;
    }
}

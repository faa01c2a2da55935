package io.hyperstream.model.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.hyperstream.model.Json;
import io.hyperstream.model.MalformedMessageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads study specs from JSON or YAML (one schema) and writes them back. */
public final class StudySpecReader {

    private static final ObjectMapper YAML = Json.configure(YAMLMapper.builder()).build();

    private StudySpecReader() {
    }

    /**
     * Reads a spec from JSON or YAML text (JSON is valid YAML). Throws
     * {@link MalformedMessageException} naming the bad field and value.
     */
    public static StudySpec read(String text) {
        try {
            return YAML.readValue(text, StudySpec.class);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(Json.describe(e), e);
        }
    }

    /** Reads a spec from a .json, .yaml or .yml file. */
    public static StudySpec read(Path file) {
        try {
            return read(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read study spec " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a spec as YAML. */
    public static String toYaml(StudySpec spec) {
        try {
            return YAML.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

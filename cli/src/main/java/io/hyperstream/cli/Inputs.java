package io.hyperstream.cli;

import io.hyperstream.cli.stack.TrainerResources;
import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.model.spec.StudySpecReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks what the user typed and turns each bad value into a message that names it. */
public final class Inputs {

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^\\s:,\\[\\]]+):(\\d{1,5})");

    private Inputs() {
    }

    /** Reads a study spec file; a missing, unreadable or invalid file exits with code 2. */
    public static StudySpec readSpec(Path file) {
        if (!Files.exists(file)) {
            throw new CliException(ExitCodes.BAD_INPUT, "study spec file not found: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCodes.BAD_INPUT, "study spec " + file + " is not a file");
        }
        try {
            return StudySpecReader.read(file);
        } catch (MalformedMessageException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "invalid study spec " + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage(), e);
        }
    }

    /** Checks a Kafka bootstrap list such as {@code 127.0.0.1:9092} or {@code a:9092,b:9092}. */
    public static String bootstrap(String value) {
        String trimmed = value == null ? "" : value.trim();
        boolean valid = !trimmed.isEmpty();
        for (String part : trimmed.split(",", -1)) {
            var m = HOST_PORT.matcher(part.trim());
            if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535) {
                valid = false;
            }
        }
        if (!valid) {
            throw new CliException(ExitCodes.BAD_INPUT,
                    "--bootstrap must be HOST:PORT[,HOST:PORT...] (port 1-65535), but got '" + value + "'");
        }
        return trimmed.replace(" ", "");
    }

    /** Checks a results API base URL and drops a trailing slash. */
    public static String apiUrl(String value) {
        String trimmed = value == null ? "" : value.trim();
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return trimmed.replaceAll("/+$", "");
            }
        } catch (URISyntaxException e) {
            // reported below with the expected form
        }
        throw new CliException(ExitCodes.BAD_INPUT,
                "--api must be an http(s) URL such as http://127.0.0.1:8080, but got '" + value + "'");
    }

    /** Checks a trainer count. */
    public static int trainers(int value) {
        if (value < 1) {
            throw new CliException(ExitCodes.BAD_INPUT, "--trainers must be at least 1, but got " + value);
        }
        return value;
    }

    /** The trainer resources of --trainer-threads and --trainer-heap, or a usage error naming the option. */
    public static TrainerResources trainerResources(int threads, String heap) {
        try {
            return new TrainerResources(threads, heap);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, (threads < 1 ? "--trainer-threads: " : "--trainer-heap: ")
                    + e.getMessage());
        }
    }
}

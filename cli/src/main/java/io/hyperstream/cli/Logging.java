package io.hyperstream.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Sends the log of this JVM (the in-process Kafka broker and store, the Kafka clients) to a file,
 * so that it never mixes with what hpo prints. Must run before the first logger is created:
 * slf4j-simple reads its settings once.
 */
public final class Logging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    /**
     * Logs to {@code <repo>/.hpo/logs/hpo-<command>.log} when the repository is known, otherwise
     * only errors to stderr. Returns the log file, if any.
     */
    public static Optional<Path> configure(String command) {
        Optional<Path> home;
        try {
            home = Home.locate();
        } catch (CliException e) {
            home = Optional.empty();
        }
        Optional<Path> file = home.map(h -> Home.hpoDir(h).resolve("logs").resolve("hpo-" + command + ".log"));
        if (file.isPresent()) {
            try {
                Files.createDirectories(file.get().getParent());
            } catch (IOException e) {
                file = Optional.empty();
            }
        }
        if (file.isPresent()) {
            setDefault("logFile", file.get().toString());
            setDefault("defaultLogLevel", "info");
            setDefault("showDateTime", "true");
            setDefault("dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSS");
            // Client configuration dumps and connection chatter drown the broker's own log.
            setDefault("log.org.apache.kafka.clients", "warn");
            setDefault("log.org.apache.kafka.common.utils.AppInfoParser", "warn");
            setDefault("log.org.apache.kafka.common.config.AbstractConfig", "warn");
        } else {
            setDefault("logFile", "System.err");
            setDefault("defaultLogLevel", "error");
        }
        return file;
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}

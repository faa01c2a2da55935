package io.hyperstream.cli.stack;

import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import io.hyperstream.cli.Home;
import io.hyperstream.local.LocalKafka;
import io.hyperstream.local.LocalMongo;
import io.hyperstream.local.Ports;
import io.hyperstream.model.kafka.TopicNames;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The part of the local stack the results service needs, as {@code hpo run} starts it: the Kafka
 * broker and the H2-backed MongoDB stand-in in this JVM (data in a temporary folder), Hyperstream's
 * topics, and results-service as a child JVM with the local stack's JVM options. For benchmarks
 * of the results service alone: no sampler, pruner or trainer runs.
 */
public final class ResultsStack implements AutoCloseable {

    private static final String MODULE = "results-service";

    private final LocalMongo mongo;
    private final LocalKafka kafka;
    private final ServiceProcess service;
    private final Path dataDir;
    private final TopicNames topics;

    private ResultsStack(LocalMongo mongo, LocalKafka kafka, ServiceProcess service, Path dataDir, TopicNames topics) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.service = service;
        this.dataDir = dataDir;
        this.topics = topics;
    }

    /** Starts the broker, the store and results-service, and returns once the service answers ready. */
    public static ResultsStack start(Path home, TopicNames topics, Duration readyTimeout, PrintWriter out) {
        Path jar = home.resolve(MODULE).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new CliException(ExitCodes.FAILURE, MODULE + " is not built (missing " + home.relativize(jar)
                    + "); build it with ./mvnw -B -DskipTests package, or run ./hpo, which builds on first use");
        }
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("hpo-bench-");
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot create a temporary folder: " + e.getMessage(), e);
        }
        LocalMongo mongo = null;
        LocalKafka kafka = null;
        ServiceProcess service = null;
        try {
            out.println("Starting the Kafka broker and the store (data in " + dataDir + ")...");
            out.flush();
            mongo = LocalMongo.start(0, dataDir.resolve("store").resolve("hyperstream.mv"));
            kafka = quietly(dataDir);
            kafka.createTopics(topics);
            int port = Ports.free();
            Map<String, String> props = new LinkedHashMap<>();
            props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            props.put("quarkus.http.port", String.valueOf(port));
            props.put("quarkus.http.host", "127.0.0.1");
            props.putAll(LocalStack.topicProperties(topics));
            props.put("quarkus.mongodb.connection-string", mongo.connectionString());
            Path log = Home.hpoDir(home).resolve("logs").resolve(MODULE + ".log");
            out.println("Starting " + MODULE + " (log in " + log + ")...");
            out.flush();
            service = ServiceProcess.start(MODULE, port, LocalStack.command(jar, LocalStack.JVM_OPTIONS, props),
                    Map.of(), home, log);
            awaitReady(service, readyTimeout);
            return new ResultsStack(mongo, kafka, service, dataDir, topics);
        } catch (RuntimeException e) {
            new ResultsStack(mongo, kafka, service, dataDir, topics).close();
            throw e instanceof CliException ? e
                    : new CliException(ExitCodes.FAILURE, "cannot start the results stack: " + e.getMessage(), e);
        }
    }

    private static LocalKafka quietly(Path dataDir) {
        // Kafka's storage formatter prints to System.out.
        PrintStream original = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return LocalKafka.start(0, dataDir.resolve("kafka"));
        } finally {
            System.setOut(original);
        }
    }

    private static void awaitReady(ServiceProcess service, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!service.isReady(http)) {
            if (!service.isAlive()) {
                throw new CliException(ExitCodes.FAILURE, MODULE + " exited with code " + service.exitCode().orElse(-1)
                        + " while starting. Last lines of " + service.log() + ":\n" + service.tail(25));
            }
            if (System.nanoTime() > deadline) {
                throw new CliException(ExitCodes.FAILURE, MODULE + " did not become ready within " + timeout.toSeconds()
                        + " s (" + service.readinessUri() + ": " + service.lastHealth() + ")");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCodes.FAILURE, "interrupted while " + MODULE + " was starting", e);
            }
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The results API, such as {@code http://127.0.0.1:41234}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + service.port();
    }

    public TopicNames topics() {
        return topics;
    }

    /** The CPU time results-service has used so far (user and system), or zero where the OS does not say. */
    public Duration serviceCpu() {
        return ProcessHandle.of(service.pid()).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** Whether results-service still runs; its exit is reported with the end of its log. */
    public void requireAlive() {
        if (service != null && !service.isAlive()) {
            throw new CliException(ExitCodes.FAILURE, MODULE + " exited with code " + service.exitCode().orElse(-1)
                    + ". Last lines of " + service.log() + ":\n" + service.tail(25));
        }
    }

    /** Stops results-service (SIGTERM, then SIGKILL), the broker and the store; deletes the data. */
    @Override
    public void close() {
        if (service != null) {
            service.terminate();
            if (!service.awaitExit(LocalStack.STOP_GRACE)) {
                service.kill();
            }
        }
        for (AutoCloseable c : new AutoCloseable[] {kafka, mongo}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // The rest still stops; a half-closed broker dies with this JVM.
                }
            }
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // A leftover temporary folder is harmless.
        }
    }
}

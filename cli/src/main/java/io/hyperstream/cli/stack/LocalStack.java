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
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The whole Hyperstream system on this machine: a Kafka broker and a MongoDB-protocol store in
 * this JVM, and the four services (N trainers) as child JVMs built from the repository. Create it,
 * register {@link #close} where it must run (a shutdown hook), then {@link #start}. close() may
 * be called at any time, from any thread, more than once.
 */
public final class LocalStack implements AutoCloseable {

    /** The service modules, each built to {@code <module>/target/quarkus-app/quarkus-run.jar}. */
    public static final List<String> SERVICE_MODULES =
            List.of("sampler-service", "pruner-service", "results-service", "trainer-service");
    /** How long the services get to answer UP on {@code /q/health/ready}. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** How long the services get to stop after SIGTERM before they are killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** Small heaps and a quick-starting JIT for the services: the whole system shares one machine. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** The share group the trainers join (trainer-service's default {@code hyperstream.trainer.group}). */
    public static final String TRAINER_GROUP = "hpo-trainers";
    private static final int RESULTS_PORT = 8080;
    private static final int KAFKA_PORT = 9092;
    private static final int MONGO_PORT = 27017;
    private static final int LOG_TAIL_LINES = 25;

    /**
     * How to start the stack.
     *
     * @param home                 the repository root
     * @param trainers             how many trainer processes
     * @param dataDir              where the broker and store keep data; null for a temporary folder
     *                             deleted on close
     * @param ports                which standard ports to use when they are free
     * @param readyTimeout         how long services get to become ready
     * @param topics               the topic names
     * @param out                  where to say what is happening
     * @param trainerResources     native threads and heap of each trainer
     * @param trainerProperties    further settings of each trainer, such as {@code hyperstream.trainer.trial-timeout}
     */
    public record Config(Path home, int trainers, Path dataDir, PortChoice ports, Duration readyTimeout,
                         TopicNames topics, PrintWriter out, TrainerResources trainerResources,
                         Map<String, String> trainerProperties) {

        /** A stack whose trainers have no further settings. */
        public Config(Path home, int trainers, Path dataDir, PortChoice ports, Duration readyTimeout, TopicNames topics,
                      PrintWriter out, TrainerResources trainerResources) {
            this(home, trainers, dataDir, ports, readyTimeout, topics, out, trainerResources, Map.of());
        }

        /** A stack whose trainers have the default resources. */
        public Config(Path home, int trainers, Path dataDir, PortChoice ports, Duration readyTimeout, TopicNames topics,
                      PrintWriter out) {
            this(home, trainers, dataDir, ports, readyTimeout, topics, out, TrainerResources.DEFAULT);
        }

        /** A stack with its data in a temporary folder, as {@code hpo run} starts it. */
        public static Config temporary(Path home, int trainers, PrintWriter out) {
            return new Config(home, trainers, null, PortChoice.STANDARD_API, READY_TIMEOUT, TopicNames.defaults(), out);
        }

        /** A stack keeping its data in {@code dataDir}, as {@code hpo local} starts it. */
        public static Config persistent(Path home, int trainers, Path dataDir, PrintWriter out) {
            return new Config(home, trainers, dataDir, PortChoice.STANDARD, READY_TIMEOUT, TopicNames.defaults(), out);
        }

        public Config withReadyTimeout(Duration timeout) {
            return new Config(home, trainers, dataDir, ports, timeout, topics, out, trainerResources, trainerProperties);
        }

        public Config withTopics(TopicNames names) {
            return new Config(home, trainers, dataDir, ports, readyTimeout, names, out, trainerResources, trainerProperties);
        }

        public Config withPorts(PortChoice choice) {
            return new Config(home, trainers, dataDir, choice, readyTimeout, topics, out, trainerResources, trainerProperties);
        }

        public Config withTrainerResources(TrainerResources resources) {
            return new Config(home, trainers, dataDir, ports, readyTimeout, topics, out, resources, trainerProperties);
        }

        public Config withTrainerProperties(Map<String, String> properties) {
            return new Config(home, trainers, dataDir, ports, readyTimeout, topics, out, trainerResources, properties);
        }

        public Config {
            if (trainers < 1) {
                throw new IllegalArgumentException("trainers must be at least 1, but got " + trainers);
            }
            out = out == null ? new PrintWriter(Writer.nullWriter()) : out;
            ports = ports == null ? PortChoice.ANY : ports;
            trainerResources = trainerResources == null ? TrainerResources.DEFAULT : trainerResources;
            trainerProperties = trainerProperties == null ? Map.of() : Map.copyOf(trainerProperties);
        }
    }

    /** Which of the usual ports the stack takes when they are free; any free port otherwise. */
    public enum PortChoice {
        /** Free ports only. */
        ANY,
        /** 8080 for the results API. */
        STANDARD_API,
        /** 8080 for the results API, 9092 for Kafka, 27017 for the store. */
        STANDARD
    }

    private final Config config;
    private final List<ServiceProcess> services = new ArrayList<>();
    /** How each service was started (command and environment), to start it again. */
    private final Map<String, Launch> launches = new LinkedHashMap<>();
    private int kafkaPort;
    private int mongoPort;
    private LocalKafka kafka;
    private LocalMongo mongo;
    private Path dataDir;
    private boolean deleteDataDir;
    private boolean closed;
    private String apiUrl;

    public LocalStack(Config config) {
        this.config = config;
    }

    /** The service jars that are not built, as paths relative to the repository root. */
    public static List<String> missingJars(Path home) {
        return SERVICE_MODULES.stream().map(m -> m + "/target/quarkus-app/quarkus-run.jar")
                .filter(jar -> !Files.isRegularFile(home.resolve(jar)))
                .collect(Collectors.toList());
    }

    /**
     * Starts the broker, the store and the services, and returns once every service is ready.
     * On failure everything already started is stopped and a {@link CliException} says what failed.
     */
    public LocalStack start() {
        List<String> missing = missingJars(config.home());
        if (!missing.isEmpty()) {
            throw new CliException(ExitCodes.FAILURE, "the services are not built (missing "
                    + String.join(", ", missing) + " in " + config.home() + "); build them with "
                    + "./mvnw -B -DskipTests install, or run ./hpo, which builds on first use");
        }
        try {
            startInfrastructure();
            launchServices();
            awaitReady();
            return this;
        } catch (CliException e) {
            close();
            throw e;
        } catch (RuntimeException | IOException e) {
            close();
            throw new CliException(ExitCodes.FAILURE, "cannot start the local stack: " + rootMessage(e), e);
        }
    }

    private void startInfrastructure() throws IOException {
        long started = System.nanoTime();
        if (config.dataDir() == null) {
            dataDir = Files.createTempDirectory("hpo-run-");
            deleteDataDir = true;
        } else {
            dataDir = Files.createDirectories(config.dataDir().toAbsolutePath().normalize());
        }
        say("Starting the Kafka broker and the store (data in " + dataDir + ")...");
        boolean standard = config.ports() == PortChoice.STANDARD;
        mongoPort = choosePort(MONGO_PORT, standard);
        LocalMongo store = LocalMongo.start(mongoPort, storeFile());
        keep(store);
        kafkaPort = choosePort(KAFKA_PORT, standard);
        LocalKafka broker = quietly(() -> LocalKafka.start(kafkaPort, dataDir.resolve("kafka")));
        keep(broker);
        broker.createTopics(config.topics());
        say(String.format(Locale.ROOT, "Kafka broker at %s, store at %s (%.1f s)", broker.bootstrapServers(),
                store.connectionString(), seconds(started)));
    }

    private void launchServices() throws IOException {
        Path logs = logDir();
        Files.createDirectories(logs);
        int resultsPort = choosePort(RESULTS_PORT, config.ports() != PortChoice.ANY);
        apiUrl = "http://127.0.0.1:" + resultsPort;
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("sampler-service", Ports.free());
        ports.put("pruner-service", Ports.free());
        ports.put("results-service", resultsPort);
        for (int i = 1; i <= config.trainers(); i++) {
            ports.put("trainer-" + i, Ports.free());
        }
        say("Starting " + String.join(", ", ports.keySet()) + " (logs in " + logs + ")...");
        for (Map.Entry<String, Integer> e : ports.entrySet()) {
            String name = e.getKey();
            String module = name.startsWith("trainer-") ? "trainer-service" : name;
            Map<String, String> props = new LinkedHashMap<>();
            props.put("kafka.bootstrap.servers", bootstrapServers());
            props.put("quarkus.http.port", String.valueOf(e.getValue()));
            props.put("quarkus.http.host", "127.0.0.1");
            props.putAll(topicProperties(config.topics()));
            List<String> jvmOptions = JVM_OPTIONS;
            Map<String, String> env = Map.of();
            if (module.equals("results-service")) {
                props.put("quarkus.mongodb.connection-string", mongoConnectionString());
            } else if (module.equals("trainer-service")) {
                props.put("hyperstream.trainer.id", name);
                props.putAll(config.trainerProperties());
                jvmOptions = config.trainerResources().jvmOptions(config.home());
                env = config.trainerResources().environment();
            }
            List<String> command = command(config.home().resolve(module).resolve("target/quarkus-app/quarkus-run.jar"),
                    jvmOptions, props);
            Launch launch = new Launch(name, e.getValue(), command, env, logs.resolve(name + ".log"));
            synchronized (this) {
                launches.put(name, launch);
            }
            keep(launch.start(config.home(), false));
        }
    }

    /**
     * Runs {@code start} with System.out silenced: Kafka's storage formatter prints there, and
     * hpo's own output does not go through System.out once picocli has wrapped it.
     */
    private static <T> T quietly(java.util.function.Supplier<T> start) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return start.get();
        } finally {
            System.setOut(original);
        }
    }

    static List<String> command(Path jar, List<String> jvmOptions, Map<String, String> props) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    static Map<String, String> topicProperties(TopicNames names) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("hyperstream.topics.study-commands", names.studyCommands());
        props.put("hyperstream.topics.trials", names.trials());
        props.put("hyperstream.topics.trial-events", names.trialEvents());
        props.put("hyperstream.topics.prune-verdicts", names.pruneVerdicts());
        props.put("hyperstream.topics.study-events", names.studyEvents());
        props.put("hyperstream.topics.dead-letters", names.deadLetters());
        return props;
    }

    private void awaitReady() {
        long started = System.nanoTime();
        awaitReady(services());
        say(String.format(Locale.ROOT, "All services ready (%.1f s); results API at %s", seconds(started), apiUrl));
    }

    private void awaitReady(List<ServiceProcess> processes) {
        long started = System.nanoTime();
        long deadline = started + config.readyTimeout().toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Set<ServiceProcess> pending = new LinkedHashSet<>(processes);
        while (!pending.isEmpty()) {
            for (Iterator<ServiceProcess> it = pending.iterator(); it.hasNext(); ) {
                ServiceProcess s = it.next();
                if (!s.isAlive()) {
                    throw new CliException(ExitCodes.FAILURE, s.name() + " exited with code "
                            + s.exitCode().orElse(-1) + " while starting." + tailOf(s));
                }
                if (s.isReady(http)) {
                    it.remove();
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                StringBuilder message = new StringBuilder();
                for (ServiceProcess s : pending) {
                    message.append(s.name()).append(" did not become ready within ")
                            .append(config.readyTimeout().toSeconds()).append(" s (").append(s.readinessUri())
                            .append(": ").append(abbreviate(s.lastHealth())).append(").").append(tailOf(s))
                            .append(System.lineSeparator());
                }
                throw new CliException(ExitCodes.FAILURE, message.toString().trim());
            }
            synchronized (this) {
                if (closed) {
                    throw new CliException(ExitCodes.FAILURE, "stopped while the services were starting");
                }
            }
            sleep(250);
        }
    }

    /**
     * Waits until every trainer has joined the trainers' share group, so that none starts late
     * into a timed study.
     */
    public void awaitTrainers() {
        long deadline = System.nanoTime() + config.readyTimeout().toNanos();
        int members = 0;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            while (System.nanoTime() < deadline) {
                try {
                    members = admin.describeShareGroups(List.of(TRAINER_GROUP)).describedGroups().get(TRAINER_GROUP)
                            .get(10, TimeUnit.SECONDS).members().size();
                } catch (ExecutionException | TimeoutException e) {
                    members = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CliException(ExitCodes.FAILURE, "interrupted while waiting for the trainers", e);
                }
                if (members >= config.trainers()) {
                    return;
                }
                sleep(250);
            }
        }
        throw new CliException(ExitCodes.FAILURE, members + " of " + config.trainers() + " trainers joined share group "
                + TRAINER_GROUP + " within " + config.readyTimeout().toSeconds() + " s");
    }

    /** The running service of that name ({@code sampler-service}, {@code trainer-2}...). */
    public synchronized ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service named " + name + " in " + launches.keySet()));
    }

    /** Kills a service with SIGKILL, as a crash or an OOM killer would, and waits until it has exited. */
    public void kill(String name) {
        ServiceProcess s = service(name);
        s.kill();
        s.awaitExit(STOP_GRACE);
    }

    /**
     * Starts a service again as it was started first (same port, settings and log file, which
     * the new process appends to), after stopping it with SIGTERM if it still runs; returns once
     * it is ready.
     */
    public void restart(String name) {
        restart(List.of(name));
    }

    /**
     * Stops the services together (SIGTERM to all, then each is killed if it has not exited
     * within the grace period), starts them all again as they were first started, and returns
     * once all are ready: an outage of all of them at once.
     */
    public void restart(List<String> names) {
        List<ServiceProcess> old = names.stream().map(this::service).toList();
        old.stream().filter(ServiceProcess::isAlive).forEach(ServiceProcess::terminate);
        for (ServiceProcess s : old) {
            if (!s.awaitExit(STOP_GRACE)) {
                s.kill();
                s.awaitExit(STOP_GRACE);
            }
        }
        List<ServiceProcess> started = new ArrayList<>();
        for (ServiceProcess s : old) {
            Launch launch;
            synchronized (this) {
                launch = launches.get(s.name());
            }
            ServiceProcess again = launch.start(config.home(), true);
            synchronized (this) {
                if (closed) {
                    again.kill();
                    started.forEach(ServiceProcess::kill);
                    throw new CliException(ExitCodes.FAILURE, "stopped while " + s.name() + " was starting again");
                }
                services.set(services.indexOf(s), again);
            }
            started.add(again);
        }
        awaitReady(started);
    }

    /** Stops the store, as a MongoDB outage would; its data stay in the store file. */
    public void stopStore() {
        LocalMongo store;
        synchronized (this) {
            requireStarted(mongo);
            store = mongo;
            mongo = null;
        }
        closeQuietly(store);
    }

    /** Starts the store again on its port with the data it had. */
    public void startStore() {
        LocalMongo store = LocalMongo.start(mongoPort, storeFile());
        keep(store);
    }

    /** Stops the Kafka broker, waits {@code down}, and starts it again on its port with its data. */
    public void restartBroker(Duration down) {
        LocalKafka broker;
        synchronized (this) {
            requireStarted(kafka);
            broker = kafka;
            kafka = null;
        }
        closeQuietly(broker);
        sleep(down.toMillis());
        keep(quietly(() -> LocalKafka.start(kafkaPort, dataDir.resolve("kafka"))));
    }

    private Path storeFile() {
        return dataDir.resolve("store").resolve("hyperstream.mv");
    }

    /** How a service is started. */
    private record Launch(String name, int port, List<String> command, Map<String, String> env, Path log) {

        ServiceProcess start(Path workDir, boolean append) {
            return ServiceProcess.start(name, port, command, env, workDir, log, append);
        }
    }

    private static String tailOf(ServiceProcess s) {
        String nl = System.lineSeparator();
        return nl + "Last lines of " + s.log() + ":" + nl
                + s.tail(LOG_TAIL_LINES).lines().map(l -> "    " + l).collect(Collectors.joining(nl));
    }

    /**
     * A service that has exited although it should run, described with the end of its log; empty
     * while all run.
     */
    public Optional<String> deadService() {
        for (ServiceProcess s : services()) {
            if (!s.isAlive()) {
                return Optional.of(s.name() + " exited with code " + s.exitCode().orElse(-1) + "." + tailOf(s));
            }
        }
        return Optional.empty();
    }

    /** The broker's bootstrap address, such as {@code 127.0.0.1:9092}. */
    public synchronized String bootstrapServers() {
        requireStarted(kafkaPort == 0 ? null : this);
        return "127.0.0.1:" + kafkaPort;
    }

    /** The store's connection string. */
    public synchronized String mongoConnectionString() {
        requireStarted(mongoPort == 0 ? null : this);
        return "mongodb://127.0.0.1:" + mongoPort;
    }

    /** The results API's base URL, such as {@code http://127.0.0.1:8080}. */
    public synchronized String apiUrl() {
        requireStarted(apiUrl);
        return apiUrl;
    }

    public TopicNames topics() {
        return config.topics();
    }

    /** The services started, in start order. */
    public synchronized List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    /** Where the services' logs go: {@code <repo>/.hpo/logs}. */
    public Path logDir() {
        return Home.hpoDir(config.home()).resolve("logs");
    }

    /** Where the broker and store keep their data. */
    public synchronized Path dataDir() {
        return dataDir;
    }

    /**
     * Stops the services (SIGTERM, then SIGKILL after {@link #STOP_GRACE}), the broker
     * and the store, and deletes the temporary data folder.
     */
    @Override
    public void close() {
        List<ServiceProcess> toStop;
        LocalKafka broker;
        LocalMongo store;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toStop = List.copyOf(services);
            broker = kafka;
            store = mongo;
        }
        toStop.forEach(ServiceProcess::terminate);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ServiceProcess s : toStop) {
            if (!s.awaitExit(Duration.ofNanos(deadline - System.nanoTime()))) {
                config.out().println(s.name() + " did not stop within " + STOP_GRACE.toSeconds() + " s: killed");
                config.out().flush();
                s.kill();
            }
        }
        closeQuietly(broker);
        closeQuietly(store);
        if (deleteDataDir) {
            deleteTree(dataDir);
        }
    }

    private synchronized void keep(Object resource) {
        if (closed) {
            if (resource instanceof ServiceProcess s) {
                s.kill();
            } else if (resource instanceof AutoCloseable c) {
                closeQuietly(c);
            }
            throw new CliException(ExitCodes.FAILURE, "stopped while starting");
        }
        if (resource instanceof ServiceProcess s) {
            services.add(s);
        } else if (resource instanceof LocalKafka k) {
            kafka = k;
        } else if (resource instanceof LocalMongo m) {
            mongo = m;
        }
    }

    private static void requireStarted(Object part) {
        if (part == null) {
            throw new IllegalStateException("the local stack is not started");
        }
    }

    /** The preferred port if it is free on the loopback interface (or not preferred), else a free one. */
    static int choosePort(int preferred, boolean prefer) {
        if (prefer) {
            try (ServerSocket socket = new ServerSocket(preferred, 0, InetAddress.getLoopbackAddress())) {
                return preferred;
            } catch (IOException e) {
                // taken: any free port will do
            }
        }
        return Ports.free();
    }

    private void say(String message) {
        config.out().println(message);
        config.out().flush();
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "interrupted while the services were starting", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            // Stopping goes on with the next part; a half-closed broker dies with this JVM anyway.
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // A leftover temporary folder is harmless; the OS cleans it up.
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

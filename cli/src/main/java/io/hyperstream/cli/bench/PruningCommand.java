package io.hyperstream.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import io.hyperstream.cli.Home;
import io.hyperstream.cli.Inputs;
import io.hyperstream.cli.Logging;
import io.hyperstream.cli.stack.LocalStack;
import io.hyperstream.cli.stack.ServiceProcess;
import io.hyperstream.cli.stack.TrainerResources;
import io.hyperstream.cli.study.StudySubmitter;
import io.hyperstream.model.Json;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.pruner.PrunerSettings;
import io.hyperstream.model.spec.StudySpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hpo bench pruning}: an ml problem of a benchmark file (fetal_mlp) run through the whole
 * system once per pruner and seed, on one local stack: the mlp-classifier trainers, TPE seeded
 * with the seed, the pruner with the file's reference arguments. Prints per pruner the epochs
 * trained and saved, the wall time, the best value and the verdict latency the pruner measured.
 */
@Command(name = "pruning", mixinStandardHelpOptions = true,
        description = {"Runs a problem (an ml one such as fetal_mlp on the mlp-classifier, or a synthetic one) through "
                + "the whole system per pruner and seed, and prints epochs trained and saved, wall time, best value "
                + "(median and range) and verdict latency per pruner."})
final class PruningCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--problems", required = true, paramLabel = "FILE",
            description = "A benchmark file in the hpo-anchor-problems/1 format (e.g. ../shared/bench/problems.json).")
    Path problemsFile;

    @Option(names = "--problem", paramLabel = "NAME", defaultValue = "fetal_mlp",
            description = "The ml problem to run (default: ${DEFAULT-VALUE}).")
    String problemName;

    @Option(names = "--trials", paramLabel = "N", defaultValue = "40", description = "Trials per study (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "5", description = "Seeds 1..N (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--pruners", paramLabel = "LIST", defaultValue = "none,median,sha,hyperband",
            description = "Pruners to compare (default: ${DEFAULT-VALUE}).")
    String pruners;

    @Option(names = "--trainers", paramLabel = "N", defaultValue = "2",
            description = "Trainer processes, and trials at a time (default: ${DEFAULT-VALUE}).")
    int trainers;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs of an unpruned trial (default: the problem's training.max_epochs).")
    Integer epochs;

    @Option(names = "--trainer-threads", paramLabel = "N", defaultValue = "1",
            description = "Native (OpenMP/BLAS) threads per trainer (default: ${DEFAULT-VALUE}).")
    int trainerThreads;

    @Option(names = "--trainer-heap", paramLabel = "SIZE", defaultValue = "512m",
            description = "Java heap of each trainer (default: ${DEFAULT-VALUE}).")
    String trainerHeap;

    @Option(names = "--epoch-delay-ms", paramLabel = "MS", defaultValue = "0",
            description = "Synthetic problems only: time each epoch takes (default: ${DEFAULT-VALUE}).")
    long epochDelayMs;

    @Option(names = "--noise", paramLabel = "SD", defaultValue = "0",
            description = "Synthetic problems only: Gaussian noise on every reported value (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write every run and the summary as JSON to OUT.")
    Path json;

    @Option(names = "--curves", paramLabel = "OUT",
            description = "Also write every trial's learning curve (JSON lines, one per run) to OUT.")
    Path curves;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (trials <= 0 || seeds <= 0 || (epochs != null && epochs <= 0)) {
            throw new CliException(ExitCodes.BAD_INPUT, "--trials, --seeds and --epochs must be positive, but got --trials "
                    + trials + " --seeds " + seeds + " --epochs " + epochs);
        }
        if (epochDelayMs < 0 || !(noise >= 0)) {
            throw new CliException(ExitCodes.BAD_INPUT, "--epoch-delay-ms and --noise must be >= 0, but got "
                    + epochDelayMs + " and " + noise);
        }
        Inputs.trainers(trainers);
        TrainerResources resources = Inputs.trainerResources(trainerThreads, trainerHeap);
        PruningProblem problem = PruningProblem.read(problemsFile, problemName);
        Logging.configure("bench-pruning");
        int maxEpochs = epochs != null ? epochs : problem.maxEpochs();
        List<String> names = pruners();
        for (String name : names) {
            problem.study(name, 1, trials, trainers, maxEpochs, syntheticSettings());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Pruning benchmark: %s, %d trials x %d epochs, %d at a time, TPE, seeds 1..%d, pruners %s%n",
                problem.problem().name(), trials, maxEpochs, trainers, seeds, names);
        out.flush();
        TopicNames topics = TopicNames.from(System.getProperties());
        List<PruningRun.Result> results = new ArrayList<>();
        long started = System.nanoTime();
        try (LocalStack stack = new LocalStack(LocalStack.Config.temporary(Home.find(), trainers, out).withTopics(topics)
                .withTrainerResources(resources))) {
            // Ctrl-C stops the services and the broker too (close is idempotent).
            Thread hook = new Thread(stack::close, "hpo-bench-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                stack.start();
                String prunerUrl = "http://127.0.0.1:" + stack.services().stream()
                        .filter(s -> s.name().equals("pruner-service")).findFirst().map(ServiceProcess::port).orElseThrow();
                for (int seed = 1; seed <= seeds; seed++) {
                    for (String name : names) {
                        PruningRun.Result r = run(stack, topics, prunerUrl, problem, name, seed, maxEpochs);
                        results.add(r);
                        out.printf(Locale.ROOT, "  %-10s seed %d: %d epochs (%d complete, %d pruned, %d failed), best %s,"
                                        + " %.1f s, verdicts p50 %s p99 %s (in the pruner p50 %s p99 %s), round trip p50 %s"
                                        + " p99 %s%n", name, seed, r.epochs(), r.complete(), r.pruned(), r.failed(),
                                Stats.format(r.best()), r.wallSeconds(), ms(r.verdictMsP50()), ms(r.verdictMsP99()),
                                ms(r.handlingMsP50()), ms(r.handlingMsP99()), ms(r.roundTripMsP50()), ms(r.roundTripMsP99()));
                        out.flush();
                        writeCurves(r);
                    }
                }
            } finally {
                out.println("Stopping the services, the broker and the store...");
                out.flush();
                stack.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // The JVM is shutting down: the hook runs anyway.
                }
            }
        }
        List<PruningSummary.Row> rows = PruningSummary.rows(names, results, trials, maxEpochs);
        out.println();
        out.print(PruningSummary.table(rows, problem.problem().direction(), problem.metric(), trials, maxEpochs));
        out.printf(Locale.ROOT, "Total wall time %.1f s%n", (System.nanoTime() - started) / 1e9);
        if (json != null) {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("problem", problem.problem().name());
            settings.put("trials", trials);
            settings.put("epochs", maxEpochs);
            settings.put("trainers", trainers);
            settings.put("seeds", seeds);
            settings.put("sampler", "tpe");
            settings.put("objective", study(problem, maxEpochs).objective());
            Map<String, Object> prunerSections = new LinkedHashMap<>();
            names.forEach(n -> prunerSections.put(n, problem.pruner(n)));
            settings.put("pruners", prunerSections);
            BenchOutput.writeJson(json, PruningSummary.json(rows, results, settings));
            out.println("JSON written to " + json);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private PruningRun.Result run(LocalStack stack, TopicNames topics, String prunerUrl, PruningProblem problem, String pruner,
                                  int seed, int maxEpochs) throws IOException, InterruptedException {
        StudySpec study = problem.study(pruner, seed, trials, trainers, maxEpochs, syntheticSettings());
        // Fixed per (problem, pruner, seed): Hyperband's brackets depend on the study id.
        String studyId = problem.problem().name() + "-" + pruner + "-" + seed;
        try (PruningRun run = new PruningRun(stack.bootstrapServers(), topics, studyId, study.direction())) {
            long start = System.nanoTime();
            StudySubmitter.submit(stack.bootstrapServers(), topics, studyId, study);
            run.await(() -> stack.deadService().isEmpty(), "a service died during study " + studyId + ": "
                    + stack.deadService().orElse(""));
            double wall = (System.nanoTime() - start) / 1e9;
            JsonNode figures = study.pruner().prunes() ? verdictFigures(prunerUrl, studyId) : null;
            return run.result(pruner, seed, wall, number(figures, "latencyMsP50"), number(figures, "latencyMsP99"),
                    number(figures, "handlingMsP50"), number(figures, "handlingMsP99"));
        }
    }

    /** The pruner's figures for a study, or null when it has none (404). */
    private static JsonNode verdictFigures(String prunerUrl, String studyId) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                HttpRequest.newBuilder(URI.create(prunerUrl + "/api/pruner/studies/" + studyId))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Json.read(response.body(), JsonNode.class) : null;
    }

    private Map<String, Object> syntheticSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("epoch_delay_ms", epochDelayMs);
        settings.put("noise", noise);
        return settings;
    }

    private StudySpec study(PruningProblem problem, int maxEpochs) {
        return problem.study("none", 1, trials, trainers, maxEpochs, syntheticSettings());
    }

    private static Double number(JsonNode figures, String field) {
        return figures == null || !figures.path(field).isNumber() ? null : figures.get(field).asDouble();
    }

    private List<String> pruners() {
        List<String> names = Arrays.stream(pruners.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        if (names.isEmpty()) {
            throw new CliException(ExitCodes.BAD_INPUT, "--pruners names no pruner");
        }
        for (String name : names) {
            if (!PrunerSettings.TYPES.contains(name)) {
                throw new CliException(ExitCodes.BAD_INPUT, "--pruners: unknown pruner '" + name + "'; known pruners: "
                        + PrunerSettings.TYPES);
            }
        }
        return names;
    }

    private void writeCurves(PruningRun.Result r) throws IOException {
        if (curves == null) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("pruner", r.pruner());
        line.put("seed", r.seed());
        line.put("study_id", r.studyId());
        line.put("curves", r.curves());
        Path parent = curves.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(curves, Json.write(line) + System.lineSeparator(), java.nio.charset.StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static String ms(Double v) {
        return v == null ? "-" : Stats.format(v) + " ms";
    }
}

package io.hyperstream.cli.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import io.hyperstream.cli.Home;
import io.hyperstream.cli.stack.TrainerResources;
import io.hyperstream.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hpo bench trainer}: the reference network of the fetal-health study trained by a DL4J
 * trainer and, when it is installed, by PyTorch on one thread, on the same rows, with the ratio.
 *
 * <p>The DL4J side runs in its own JVM started exactly as {@code hpo run} starts a trainer (the
 * trainer's jars, {@code OMP_NUM_THREADS}, heap and JavaCPP options of {@link TrainerResources})
 * and goes through the trainer's own training code ({@code TrainerBenchmark} in trainer-service),
 * so the hpo JVM needs none of DL4J's 150 MB of jars. It exports the standardized split, which
 * the PyTorch script ({@code torch_mlp.py}, shipped in this module) trains on.
 */
@Command(name = "trainer", mixinStandardHelpOptions = true,
        description = {"Times an epoch of the reference MLP (21-15-10-3, relu, Adam 1e-3, batch 32) on fetal_health: "
                + "a DL4J trainer against PyTorch on one thread, on the same rows."})
final class TrainerCommand implements Callable<Integer> {

    static final String BENCHMARK_CLASS = "io.hyperstream.trainer.mlp.TrainerBenchmark";
    private static final long TIMEOUT_MINUTES = 30;

    @Spec
    CommandSpec spec;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "40",
            description = "Epochs each framework trains (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5",
            description = "First epochs left out of the figures (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--dataset", paramLabel = "FILE",
            description = "The CSV data set (default: fetal_health.csv in <repository>/data or ../shared/datasets).")
    Path dataset;

    @Option(names = "--target", paramLabel = "COLUMN", defaultValue = "fetal_health",
            description = "Its class column (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = "/usr/bin/python3",
            description = "The Python with PyTorch (default: ${DEFAULT-VALUE}).")
    Path python;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write the figures as JSON to OUT.")
    Path json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (epochs < 1 || warmup < 0 || warmup >= epochs) {
            throw new CliException(ExitCodes.BAD_INPUT, "--epochs must be positive and --warmup smaller, but got --epochs "
                    + epochs + " --warmup " + warmup);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path home = Home.find();
        Path data = dataset != null ? dataset.toAbsolutePath() : findDataset(home);
        if (!Files.isRegularFile(data)) {
            throw new CliException(ExitCodes.BAD_INPUT, "--dataset " + data + " does not exist");
        }
        Path work = Files.createTempDirectory("hpo-bench-trainer-");
        try {
            out.printf(Locale.ROOT, "Trainer benchmark: %d epochs on %s (figures after %d warm-up epochs)%n", epochs, data,
                    warmup);
            out.println("Training with DL4J in a trainer JVM...");
            out.flush();
            EpochFigures dl4j = EpochFigures.of(runDl4j(home, data, work), warmup);
            EpochFigures pytorch = null;
            String pytorchMissing = pytorchMissing();
            if (pytorchMissing == null) {
                out.println("Training with PyTorch (one thread) on the same rows...");
                out.flush();
                pytorch = EpochFigures.of(runPytorch(work), warmup);
            } else {
                out.println("PyTorch is not available (" + pytorchMissing + "): its figures stay empty.");
            }
            out.print(table(dl4j, pytorch));
            if (json != null) {
                BenchOutput.writeJson(json, json(dl4j, pytorch));
                out.println("JSON written to " + json);
            }
            out.flush();
            return ExitCodes.OK;
        } finally {
            deleteTree(work);
        }
    }

    private Map<String, Object> runDl4j(Path home, Path data, Path work) throws IOException, InterruptedException {
        Path app = home.resolve("trainer-service/target/quarkus-app");
        List<Path> jars = new ArrayList<>(jars(app.resolve("app")));
        jars.addAll(jars(app.resolve("lib/main")));
        if (jars.isEmpty()) {
            throw new CliException(ExitCodes.FAILURE, "trainer-service is not built (no jars in " + app
                    + "); build it with ./mvnw -B -DskipTests install, or run ./hpo, which builds on first use");
        }
        TrainerResources resources = TrainerResources.DEFAULT;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(resources.jvmOptions(home));
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, jars.stream().map(Path::toString).toList()));
        command.addAll(List.of(BENCHMARK_CLASS, "--dataset", data.toString(), "--target", target, "--epochs",
                String.valueOf(epochs), "--export", work.toString()));
        return runJson(command, resources.environment(), work.resolve("dl4j.log"), "the DL4J trainer benchmark");
    }

    private Map<String, Object> runPytorch(Path work) throws IOException, InterruptedException {
        Path script = work.resolve("torch_mlp.py");
        try (InputStream in = TrainerCommand.class.getResourceAsStream("torch_mlp.py")) {
            if (in == null) {
                throw new CliException(ExitCodes.FAILURE, "torch_mlp.py is missing from the hpo classes; rebuild the cli");
            }
            Files.copy(in, script);
        }
        return runJson(List.of(python.toString(), script.toString(), work.toString(), String.valueOf(epochs)),
                Map.of("OMP_NUM_THREADS", "1"), work.resolve("pytorch.log"), "the PyTorch benchmark");
    }

    /** Null if {@code --python} imports torch, else why not. */
    private String pytorchMissing() throws InterruptedException {
        if (!Files.isExecutable(python)) {
            return python + " not found";
        }
        try {
            Process process = new ProcessBuilder(python.toString(), "-c", "import torch").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "importing torch took over 60 s";
            }
            return process.exitValue() == 0 ? null : python + " cannot import torch (Debian: apt-get install python3-torch)";
        } catch (IOException e) {
            return "cannot run " + python + ": " + e.getMessage();
        }
    }

    /** Runs a benchmark process and reads the JSON object of its last output line. */
    private static Map<String, Object> runJson(List<String> command, Map<String, String> env, Path log, String what)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new CliException(ExitCodes.FAILURE, what + " did not end within " + TIMEOUT_MINUTES + " minutes");
        }
        List<String> lines = output.lines().filter(l -> l.startsWith("{")).toList();
        if (process.exitValue() != 0 || lines.isEmpty()) {
            throw new CliException(ExitCodes.FAILURE, what + " failed (exit code " + process.exitValue() + "):"
                    + System.lineSeparator() + tail(log));
        }
        return Json.mapper().readValue(lines.get(lines.size() - 1), new TypeReference<Map<String, Object>>() { });
    }

    private static Path findDataset(Path home) {
        for (Path candidate : List.of(home.resolve("data/fetal_health.csv"),
                home.resolve("../shared/datasets/fetal_health.csv").normalize())) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new CliException(ExitCodes.BAD_INPUT, "fetal_health.csv is in neither " + home.resolve("data") + " nor "
                + home.resolve("../shared/datasets").normalize() + "; give it with --dataset FILE");
    }

    static String table(EpochFigures dl4j, EpochFigures pytorch) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "  %-8s %12s %12s %10s %12s %10s %9s%n", "", "median ms", "mean ms",
                "eval ms", "cpu ms/ep", "peak MB", "bal. acc"));
        for (EpochFigures f : pytorch == null ? List.of(dl4j) : List.of(dl4j, pytorch)) {
            out.append(String.format(Locale.ROOT, "  %-8s %12s %12s %10s %12s %10s %9s%n", f.framework(),
                    Stats.format(f.medianMs()), Stats.format(f.meanMs()), Stats.format(f.evalMs()), Stats.format(f.cpuMs()),
                    Stats.format(f.peakRssMb()), Stats.format(f.balancedAccuracy())));
        }
        if (pytorch != null) {
            out.append(String.format(Locale.ROOT, "  ratio DL4J / PyTorch: %s (mean epoch), %s (median), %s (CPU per epoch)%n",
                    Stats.format(dl4j.meanMs() / pytorch.meanMs()), Stats.format(dl4j.medianMs() / pytorch.medianMs()),
                    Stats.format(dl4j.cpuMs() / pytorch.cpuMs())));
        }
        return out.toString();
    }

    static Map<String, Object> json(EpochFigures dl4j, EpochFigures pytorch) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("benchmark", "trainer");
        document.put("dl4j_epoch_ms", dl4j.meanMs());
        document.put("pytorch_epoch_ms", pytorch == null ? null : pytorch.meanMs());
        document.put("ratio", pytorch == null ? null : dl4j.meanMs() / pytorch.meanMs());
        document.put("peak_rss_mb", dl4j.peakRssMb());
        document.put("epochs", dl4j.epochs());
        document.put("warmup", dl4j.warmup());
        document.put("dl4j_epoch_ms_median", dl4j.medianMs());
        document.put("dl4j_eval_ms", dl4j.evalMs());
        document.put("dl4j_cpu_ms_per_epoch", dl4j.cpuMs());
        document.put("dl4j_balanced_accuracy", dl4j.balancedAccuracy());
        document.put("pytorch_epoch_ms_median", pytorch == null ? null : pytorch.medianMs());
        document.put("pytorch_eval_ms", pytorch == null ? null : pytorch.evalMs());
        document.put("pytorch_cpu_ms_per_epoch", pytorch == null ? null : pytorch.cpuMs());
        document.put("pytorch_peak_rss_mb", pytorch == null ? null : pytorch.peakRssMb());
        document.put("pytorch_balanced_accuracy", pytorch == null ? null : pytorch.balancedAccuracy());
        document.put("ratio_median", pytorch == null ? null : dl4j.medianMs() / pytorch.medianMs());
        document.put("ratio_cpu", pytorch == null ? null : dl4j.cpuMs() / pytorch.cpuMs());
        return document;
    }

    private static List<Path> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder is harmless.
        }
    }
}

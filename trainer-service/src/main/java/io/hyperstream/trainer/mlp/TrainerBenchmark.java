package io.hyperstream.trainer.mlp;

import io.hyperstream.model.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the reference network of the fetal-health study (21-15-10-3, relu, Adam at 1e-3, batches
 * of 32, unweighted) through the same training code trials run, and prints one JSON object:
 * milliseconds of every epoch (training plus validation metrics), of its evaluation part alone, the
 * process CPU time, garbage-collection time and peak resident memory. {@code hpo bench trainer}
 * starts it in a JVM set up as a trainer is.
 *
 * <p>Arguments: {@code --dataset FILE --target COLUMN [--epochs 40] [--export DIR]}; with
 * {@code --export} the standardized training and validation rows are also written as CSV, so that
 * another framework can train on exactly the same rows.
 */
public final class TrainerBenchmark {

    private TrainerBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        Path dataset = Path.of(required(options, "--dataset"));
        String target = required(options, "--target");
        int epochs = Integer.parseInt(options.getOrDefault("--epochs", "40"));
        PreparedData data = PreparedData.of(TabularDataset.readCsv(dataset, target), 0.2, 0, 42);
        if (options.containsKey("--export")) {
            export(data, Path.of(options.get("--export")));
        }
        MlpHyperparameters reference = MlpHyperparameters.read(Map.of("n_layers", 2, "n_units_l0", 15, "n_units_l1", 10,
                "lr", 1e-3, "optimizer", "adam", "batch_size", 32, "activation", "relu"), Map.of(), epochs);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        List<Double> epochMs = new ArrayList<>();
        List<Double> evalMs = new ArrayList<>();
        List<Double> cpuMs = new ArrayList<>();
        Map<String, Double> last = Map.of();
        long gcBefore = gcMillis();
        long started = System.nanoTime();
        try (MlpTraining training = new MlpTraining(data, reference, 1)) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long cpu = os.getProcessCpuTime();
                long start = System.nanoTime();
                double loss = training.trainEpoch();
                long trained = System.nanoTime();
                last = training.validationMetrics(loss);
                long end = System.nanoTime();
                epochMs.add((end - start) / 1e6);
                evalMs.add((end - trained) / 1e6);
                cpuMs.add((os.getProcessCpuTime() - cpu) / 1e6);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("framework", "dl4j");
        result.put("epochs", epochs);
        result.put("epoch_ms", epochMs);
        result.put("eval_ms", evalMs);
        result.put("cpu_ms", cpuMs);
        result.put("total_s", (System.nanoTime() - started) / 1e9);
        result.put("gc_ms", gcMillis() - gcBefore);
        result.put("peak_rss_mb", peakRssMb());
        result.put("balanced_accuracy", last.get("balanced_accuracy"));
        result.put("accuracy", last.get("accuracy"));
        result.put("omp_num_threads", System.getenv("OMP_NUM_THREADS"));
        System.out.println(Json.mapper().writeValueAsString(result));
    }

    private static void export(PreparedData data, Path dir) throws IOException {
        Files.createDirectories(dir);
        int d = data.dataset().featureCount();
        write(dir.resolve("train.csv"), data.train(), data.labels(data.split().train()), d);
        write(dir.resolve("valid.csv"), data.valid(), data.labels(data.split().valid()), d);
    }

    private static void write(Path file, float[] features, int[] labels, int d) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            for (int r = 0; r < labels.length; r++) {
                StringBuilder line = new StringBuilder();
                for (int j = 0; j < d; j++) {
                    line.append(String.format(Locale.ROOT, "%.9g", features[r * d + j])).append(',');
                }
                out.println(line.append(labels[r]));
            }
        }
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /** The resident-memory high-water mark of this process (Linux), or null where unknown. */
    static Double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: TrainerBenchmark --dataset FILE --target COLUMN [--epochs N] "
                        + "[--export DIR], but got " + String.join(" ", args));
            }
            options.put(args[i], args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}

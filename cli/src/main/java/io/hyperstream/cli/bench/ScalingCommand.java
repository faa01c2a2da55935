package io.hyperstream.cli.bench;

import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import io.hyperstream.cli.Home;
import io.hyperstream.cli.Logging;
import io.hyperstream.cli.stack.LocalStack;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hpo bench scaling}: trials per minute of fixed-cost trials through the real system (the
 * local stack: broker, store, services, trainer processes), once per trainer count, and the ratio
 * to one trainer.
 */
@Command(name = "scaling", mixinStandardHelpOptions = true,
        description = {"Runs a study of fixed-cost trials (synthetic objective whose epochs sleep, random sampler, "
                + "no pruning, parallelism = trainers) on the local stack once per trainer count, and prints trials "
                + "per minute and the ratio to one trainer."})
final class ScalingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--trainers", paramLabel = "LIST", defaultValue = "1,2",
            description = "Trainer counts to run, comma-separated (default: ${DEFAULT-VALUE}).")
    String trainers;

    @Option(names = "--trials", paramLabel = "N", defaultValue = "40",
            description = "Trials per study (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "4",
            description = "Epochs per trial (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--epoch-ms", paramLabel = "MS", defaultValue = "250",
            description = "Time each epoch takes (default: ${DEFAULT-VALUE}); a trial costs epochs x this.")
    int epochMs;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write the figures as JSON to OUT.")
    Path json;

    @Override
    public Integer call() {
        List<Integer> counts = BenchOutput.positiveInts("--trainers", trainers);
        if (trials < 1 || epochs < 1 || epochMs < 0) {
            throw new CliException(ExitCodes.BAD_INPUT, "--trials and --epochs must be positive and --epoch-ms at least 0, "
                    + "but got --trials " + trials + " --epochs " + epochs + " --epoch-ms " + epochMs);
        }
        Path home = Home.find();
        List<String> missing = LocalStack.missingJars(home);
        if (!missing.isEmpty()) {
            throw new CliException(ExitCodes.FAILURE, "the services are not built (missing " + String.join(", ", missing)
                    + "); build them with ./mvnw -B -DskipTests install, or run ./hpo, which builds on first use");
        }
        Logging.configure("bench-scaling");
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Scaling benchmark: %d trials of %d epochs x %d ms (%.2f s each), random sampler, no "
                + "pruning, parallelism = trainers; trainer counts %s%n", trials, epochs, epochMs, trialSeconds(), counts);
        out.flush();
        ScalingRun run = new ScalingRun(home, trials, epochs, epochMs, out);
        List<ScalingFigures> rows = new ArrayList<>();
        for (int count : counts) {
            ScalingFigures row = run.measure(count);
            rows.add(row);
            // Said at once: a later run that fails (a service too slow to start) leaves this one's figures.
            out.printf(Locale.ROOT, "%d trainer(s): %.1f trials/min (%d trials in %.1f s)%n", count, row.trialsPerMin(),
                    row.finished(), row.windowS());
            out.flush();
        }
        out.print(table(rows, trialSeconds()));
        if (json != null) {
            BenchOutput.writeJson(json, json(rows, trials, epochs, epochMs));
            out.println("JSON written to " + json);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private double trialSeconds() {
        return epochs * epochMs / 1000.0;
    }

    /** Each row's trials per minute over the one-trainer row's (the first row's when there is none). */
    static double ratio(List<ScalingFigures> rows, ScalingFigures row) {
        ScalingFigures base = rows.stream().filter(r -> r.trainers() == 1).findFirst().orElse(rows.get(0));
        return row.trialsPerMin() / base.trialsPerMin();
    }

    static String table(List<ScalingFigures> rows, double trialSeconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "  %8s %11s %7s %9s %8s %8s  %s%n", "trainers", "trials/min", "ratio",
                "window s", "wall s", "re-runs", "trials per trainer"));
        for (ScalingFigures row : rows) {
            out.append(String.format(Locale.ROOT, "  %8d %11.1f %7.2f %9.1f %8.1f %8d  %s%n", row.trainers(),
                    row.trialsPerMin(), ratio(rows, row), row.windowS(), row.wallS(), row.restarts(),
                    row.trialsByTrainer().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(" "))));
        }
        if (trialSeconds > 0) {
            out.append(String.format(Locale.ROOT, "  (trials of %.2f s: at most %.1f trials/min per trainer; the window "
                    + "runs from the first trial's start to the last one's end)%n", trialSeconds, 60 / trialSeconds));
        }
        return out.toString();
    }

    static Map<String, Object> json(List<ScalingFigures> rows, int trials, int epochs, int epochMs) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("benchmark", "scaling");
        document.put("trials", trials);
        document.put("epochs", epochs);
        document.put("epoch_ms", epochMs);
        List<Map<String, Object>> list = new ArrayList<>();
        for (ScalingFigures row : rows) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("trainers", row.trainers());
            r.put("trials_per_min", row.trialsPerMin());
            r.put("ratio", ratio(rows, row));
            r.put("finished", row.finished());
            r.put("window_s", row.windowS());
            r.put("wall_s", row.wallS());
            r.put("restarts", row.restarts());
            r.put("trials_by_trainer", row.trialsByTrainer());
            list.add(r);
        }
        document.put("rows", list);
        return document;
    }
}

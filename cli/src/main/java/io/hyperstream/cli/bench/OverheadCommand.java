package io.hyperstream.cli.bench;

import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import io.hyperstream.sampler.algorithm.SamplerRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hpo bench overhead}: milliseconds a sampler takes to produce one configuration, by study size. */
@Command(name = "overhead", mixinStandardHelpOptions = true,
        description = {"Median ms to produce one configuration for a study pre-filled with N completed "
                + "random trials, per sampler and N (in process, one thread)."})
final class OverheadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--problems", required = true, paramLabel = "FILE",
            description = "A benchmark file in the hpo-anchor-problems/1 format.")
    Path problemsFile;

    @Option(names = "--problem", paramLabel = "NAME", defaultValue = "hartmann6",
            description = "The problem whose space and function are used (default: ${DEFAULT-VALUE}).")
    String problem;

    @Option(names = "--samplers", paramLabel = "LIST", description = "Samplers to time (default: all registered).")
    String samplers;

    @Option(names = "--sizes", paramLabel = "LIST", defaultValue = "100,300,1000",
            description = "Completed trials in the study (default: ${DEFAULT-VALUE}).")
    String sizes;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "20",
            description = "Timed configurations per sampler and size (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write the rows as JSON to OUT.")
    Path json;

    @Override
    public Integer call() {
        if (repeats <= 0) {
            throw new CliException(ExitCodes.BAD_INPUT, "--repeats must be positive, but got " + repeats);
        }
        SamplerRegistry registry = SamplerRegistry.standard();
        BenchProblem chosen = BenchFile.read(problemsFile).problem(problem);
        if (!chosen.evaluable()) {
            throw new CliException(ExitCodes.BAD_INPUT, "problem '" + problem + "' is an '" + chosen.kind()
                    + "' problem: the overhead benchmark needs a synthetic one");
        }
        List<SamplerChoice> names = BenchOutput.samplers(registry, samplers);
        List<Integer> sizeList = BenchOutput.positiveInts("--sizes", sizes);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Sampler overhead on %s: ms per configuration, wall-clock median of %d (p90) "
                + "and CPU-time median%n", chosen.name(), repeats);
        out.flush();
        List<OverheadBench.Row> rows = new OverheadBench(registry).run(chosen, names, sizeList, repeats);
        out.print(table(names, sizeList, rows));
        if (json != null) {
            List<Map<String, Object>> jsonRows = new ArrayList<>();
            for (OverheadBench.Row row : rows) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("sampler", row.sampler());
                r.put("n", row.n());
                r.put("ms_median", Double.isNaN(row.msMedian()) ? null : row.msMedian());
                r.put("ms_p90", Double.isNaN(row.msP90()) ? null : row.msP90());
                r.put("cpu_ms_median", Double.isNaN(row.cpuMsMedian()) ? null : row.cpuMsMedian());
                if (row.skipped() != null) {
                    r.put("skipped", row.skipped());
                }
                jsonRows.add(r);
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("benchmark", "overhead");
            document.put("problem", chosen.name());
            document.put("repeats", repeats);
            document.put("rows", jsonRows);
            BenchOutput.writeJson(json, document);
            out.println("JSON written to " + json);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String table(List<SamplerChoice> choices, List<Integer> sizes, List<OverheadBench.Row> rows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "  %-14s", "sampler"));
        for (int n : sizes) {
            out.append(String.format(Locale.ROOT, " %26s", "N=" + n));
        }
        out.append('\n');
        for (SamplerChoice choice : choices) {
            String sampler = choice.label();
            out.append(String.format(Locale.ROOT, "  %-14s", sampler));
            String skipped = null;
            for (int n : sizes) {
                OverheadBench.Row row = rows.stream().filter(r -> r.sampler().equals(sampler) && r.n() == n).findFirst().orElseThrow();
                skipped = row.skipped() != null ? row.skipped() : skipped;
                out.append(String.format(Locale.ROOT, " %26s", row.skipped() != null ? "skipped"
                        : Stats.format(row.msMedian()) + " (" + Stats.format(row.msP90()) + ") cpu "
                        + Stats.format(row.cpuMsMedian())));
            }
            if (skipped != null) {
                out.append("  ").append(skipped);
            }
            out.append('\n');
        }
        return out.toString();
    }
}

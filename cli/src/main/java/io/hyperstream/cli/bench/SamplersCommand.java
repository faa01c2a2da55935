package io.hyperstream.cli.bench;

import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import io.hyperstream.sampler.algorithm.SamplerRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hpo bench samplers}: sampler quality on benchmark problems, as median regret over seeds. */
@Command(name = "samplers", mixinStandardHelpOptions = true,
        description = {"Runs every (problem, sampler, seed) in process and prints the median regret "
                + "(best found - optimum) at each budget over seeds 1..N."})
final class SamplersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--problems", required = true, paramLabel = "FILE",
            description = "A benchmark file in the hpo-anchor-problems/1 format (e.g. ../shared/bench/problems.json).")
    Path problemsFile;

    @Option(names = "--problem", paramLabel = "LIST", description = "Only these problems (comma-separated names).")
    String onlyProblems;

    @Option(names = "--samplers", paramLabel = "LIST", description = "Samplers to run (default: all registered).")
    String samplers;

    @Option(names = "--budgets", paramLabel = "LIST", defaultValue = "50,100,200",
            description = "Trial budgets to report (default: ${DEFAULT-VALUE}).")
    String budgets;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "10", description = "Seeds 1..N (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--threads", paramLabel = "N", description = "Runs in parallel (default: the number of cores).")
    Integer threads;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write every run as JSON to OUT.")
    Path json;

    @Override
    public Integer call() throws InterruptedException {
        if (seeds <= 0) {
            throw new CliException(ExitCodes.BAD_INPUT, "--seeds must be positive, but got " + seeds);
        }
        SamplerRegistry registry = SamplerRegistry.standard();
        BenchFile file = BenchFile.read(problemsFile);
        List<BenchProblem> problems = selected(file);
        List<SamplerChoice> names = BenchOutput.samplers(registry, samplers);
        List<Integer> budgetList = BenchOutput.positiveInts("--budgets", budgets);
        int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Sampler benchmark: %d problem(s) x %d sampler(s) x %d seed(s), budgets %s, %d thread(s)%n",
                problems.size(), names.size(), seeds, budgetList, threadCount);
        out.flush();
        long start = System.nanoTime();
        List<SamplerBench.Run> runs = new SamplerBench(registry).runAll(file, problems, names, budgetList, seeds, threadCount);
        out.print(SamplerSummary.table(problems, names, budgetList, runs));
        out.printf(Locale.ROOT, "%nTotal wall time %.1f s%n", (System.nanoTime() - start) / 1e9);
        if (json != null) {
            BenchOutput.writeJson(json, SamplerSummary.json(problems, budgetList, runs));
            out.println("JSON written to " + json);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private List<BenchProblem> selected(BenchFile file) {
        if (onlyProblems == null || onlyProblems.isBlank()) {
            return file.problems();
        }
        List<BenchProblem> chosen = new ArrayList<>();
        for (String name : Arrays.stream(onlyProblems.split(",")).map(String::trim).toList()) {
            chosen.add(file.problem(name));
        }
        return chosen;
    }
}

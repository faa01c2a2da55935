package io.hyperstream.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hpo bench}: the benchmark commands, each printing a table and optionally writing JSON. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: sampler quality and overhead (in process), trainer speed against PyTorch, "
                + "scaling with trainers (on the local stack), pruners through the whole system, results-service "
                + "ingest and API latency.",
        subcommands = {SamplersCommand.class, OverheadCommand.class, TrainerCommand.class, ScalingCommand.class,
                PruningCommand.class, ResultsCommand.class,
                CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "hpo bench: a benchmark is required");
    }
}

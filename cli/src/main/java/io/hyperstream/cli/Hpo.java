package io.hyperstream.cli;

import io.hyperstream.cli.bench.BenchCommand;
import io.hyperstream.cli.chaos.ChaosCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code hpo} command: runs the whole system on this machine, submits studies, shows their status. */
@Command(name = "hpo",
        mixinStandardHelpOptions = true,
        versionProvider = Hpo.Version.class,
        description = "Hyperstream: hyperparameter optimization on Apache Kafka.",
        subcommands = {RunCommand.class, LocalCommand.class, SubmitCommand.class, StatusCommand.class,
                ReportCommand.class, BenchCommand.class, ChaosCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done: the study completed, the status or report was written",
                "  1  failure: the stack did not start, a broker or the API is unreachable,",
                "     the study is unknown",
                "  2  bad input: usage, an unreadable or invalid spec, a rejected study",
                "%nLogs of the services hpo starts: <repository>/.hpo/logs/"})
public final class Hpo implements Callable<Integer> {

    /** The results API hpo asks unless told otherwise. */
    public static final String DEFAULT_API = "http://127.0.0.1:8080";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("hpo: a command is required");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with the error handling that turns a {@link CliException} into its message and code. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Hpo());
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (ShutdownHooks.shuttingDown()) {
                // Stopped by Ctrl-C: whatever failed after that is a consequence of stopping.
                return ExitCodes.FAILURE;
            }
            if (e instanceof CliException c) {
                err.println("hpo: " + c.getMessage());
                err.flush();
                return c.exitCode();
            }
            err.println("hpo: unexpected error: " + e);
            e.printStackTrace(err);
            err.flush();
            return ExitCodes.FAILURE;
        });
        return commandLine;
    }

    /** Runs hpo with the given output streams (for tests) and returns its exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Reads the version Maven wrote into the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties props = new Properties();
            try (InputStream in = Hpo.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    props.load(in);
                }
            }
            return new String[] {"hpo " + props.getProperty("version", "(unknown version)")};
        }
    }
}

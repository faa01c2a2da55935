package io.hyperstream.cli;

import io.hyperstream.cli.results.ResultsClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hpo report}: saves a study's experiment report, HTML or Markdown by the file's extension. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Saves a study's experiment report (spec, environment, best trial next to the null-accuracy",
                "baseline, importances, plots, how to reproduce) from the results API.",
                "The format follows the file's extension: .html (or .htm), .md (or .markdown)."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STUDY_ID", description = "The study id (hpo submit prints it).")
    String studyId;

    @Option(names = "--api", paramLabel = "URL", defaultValue = Hpo.DEFAULT_API,
            description = "The results API (default: ${DEFAULT-VALUE}).")
    String api;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "Where to write the report: FILE.html or FILE.md.")
    Path output;

    @Override
    public Integer call() {
        String format = format(output);
        String apiUrl = Inputs.apiUrl(api);
        String report = new ResultsClient(apiUrl).report(studyId, format).orElseThrow(() ->
                new CliException(ExitCodes.FAILURE, "unknown study '" + studyId + "': the results API at " + apiUrl
                        + " has no such study"));
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot write " + output + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "Report of study %s written to %s (%s, %d KB)%n", studyId,
                output, format.equals("md") ? "Markdown" : "HTML", (report.length() + 1023) / 1024);
        return ExitCodes.OK;
    }

    /** The report format of a file name: html or md. */
    static String format(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return "html";
        }
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return "md";
        }
        throw new CliException(ExitCodes.BAD_INPUT, "-o must name a .html or .md file (the extension chooses the"
                + " format), but got '" + file + "'");
    }
}

package io.hyperstream.cli;

import io.hyperstream.cli.results.Reports;
import io.hyperstream.cli.results.ResultsClient;
import io.hyperstream.cli.results.StudyView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hpo status}: prints a study's state, trial counts and best trial from the results API. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Prints a study's state, its trials by state and its best trial.")
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STUDY_ID", description = "The study id (hpo submit prints it).")
    String studyId;

    @Option(names = "--api", paramLabel = "URL", defaultValue = Hpo.DEFAULT_API,
            description = "The results API (default: ${DEFAULT-VALUE}).")
    String api;

    @Override
    public Integer call() {
        String apiUrl = Inputs.apiUrl(api);
        ResultsClient client = new ResultsClient(apiUrl);
        StudyView view = client.find(studyId).orElseThrow(() -> new CliException(ExitCodes.FAILURE,
                "unknown study '" + studyId + "': the results API at " + apiUrl + " has no such study"));
        spec.commandLine().getOut().print(Reports.status(view, client.studyUrl(studyId)));
        return ExitCodes.OK;
    }
}

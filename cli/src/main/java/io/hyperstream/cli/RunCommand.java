package io.hyperstream.cli;

import io.hyperstream.cli.results.Reports;
import io.hyperstream.cli.results.ResultsClient;
import io.hyperstream.cli.results.StudyView;
import io.hyperstream.cli.stack.LocalStack;
import io.hyperstream.cli.stack.TrainerResources;
import io.hyperstream.cli.study.Broker;
import io.hyperstream.cli.study.ProgressDisplay;
import io.hyperstream.cli.study.StudyFollower;
import io.hyperstream.cli.study.StudyIds;
import io.hyperstream.cli.study.StudyProgress;
import io.hyperstream.cli.study.StudySubmitter;
import io.hyperstream.model.StudyState;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.spec.StudySpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hpo run}: starts the system (unless given a broker), runs one study, prints its best trial. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a study end to end and prints its best trial.",
                "Without --bootstrap it starts everything on this machine (a Kafka broker and a store in"
                        + " this JVM, the four services and N trainers as child JVMs) and stops it all at the end."})
final class RunCommand implements Callable<Integer> {

    /** How long the results API gets to show the study complete after the sampler announced it. */
    private static final Duration RESULTS_CATCH_UP = Duration.ofSeconds(30);
    /** When to say that nobody has answered the submission yet. */
    private static final Duration NO_ANSWER_HINT = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STUDY.yaml", description = "The study spec (YAML or JSON).")
    Path specFile;

    @Option(names = "--trainers", paramLabel = "N", defaultValue = "2",
            description = "Trainer processes to start (default: ${DEFAULT-VALUE}). Not used with --bootstrap.")
    int trainers;

    @Option(names = "--trainer-threads", paramLabel = "N", defaultValue = "1",
            description = "Native (OpenMP/BLAS) threads per trainer (default: ${DEFAULT-VALUE}: one trainer per core).")
    int trainerThreads;

    @Option(names = "--trainer-heap", paramLabel = "SIZE", defaultValue = "512m",
            description = "Java heap of each trainer, such as 512m or 1g (default: ${DEFAULT-VALUE}).")
    String trainerHeap;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Use this Kafka broker (and the services already running against it); start nothing.")
    String bootstrap;

    @Option(names = "--api", paramLabel = "URL",
            description = "The results API, with --bootstrap (default: " + Hpo.DEFAULT_API + ").")
    String api;

    @Option(names = "--study-id", paramLabel = "ID",
            description = "The study id (default: <name>-<6 random characters>).")
    String studyId;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StudySpec study = Inputs.readSpec(specFile);
        Inputs.trainers(trainers);
        TrainerResources resources = Inputs.trainerResources(trainerThreads, trainerHeap);
        String id = studyId != null ? StudyIds.check(studyId) : StudyIds.generate(study.name(), RandomGenerator.getDefault());
        String broker = bootstrap == null ? null : Inputs.bootstrap(bootstrap);
        if (broker == null && api != null) {
            throw new CliException(ExitCodes.BAD_INPUT,
                    "--api goes with --bootstrap: without it, hpo run starts its own results-service");
        }
        String apiUrl = Inputs.apiUrl(api == null ? Hpo.DEFAULT_API : api);
        TopicNames topics = TopicNames.from(System.getProperties());
        Logging.configure("run");

        LocalStack stack = null;
        Thread hook = null;
        try {
            if (broker == null) {
                stack = new LocalStack(LocalStack.Config.temporary(Home.find(), trainers, out).withTopics(topics)
                        .withTrainerResources(resources));
                hook = ShutdownHooks.closeOnExit(stack, err);
                stack.start();
                broker = stack.bootstrapServers();
                apiUrl = stack.apiUrl();
            } else {
                Broker.checkReachable(broker);
                Broker.ensureTopics(broker, topics);
            }
            return runStudy(study, id, broker, topics, new ResultsClient(apiUrl), stack, out, err);
        } finally {
            if (stack != null) {
                out.println("Stopping the services, the broker and the store...");
                out.flush();
                stack.close();
                ShutdownHooks.remove(hook);
            }
        }
    }

    private int runStudy(StudySpec study, String id, String broker, TopicNames topics, ResultsClient results,
                         LocalStack stack, PrintWriter out, PrintWriter err) {
        if (stack == null) {
            try {
                results.find(id);
            } catch (CliException e) {
                err.println("hpo: warning: " + e.getMessage()
                        + " (the study runs anyway; its summary will come from the events)");
            }
        }
        try (StudyFollower follower = StudyFollower.open(broker, topics, id, study)) {
            StudySubmitter.submit(broker, topics, id, study);
            out.println("Submitted study " + id + " (" + study.budget().nTrials() + " trials, "
                    + study.budget().parallelism() + " at a time) to " + broker);
            out.flush();
            ProgressDisplay display = new ProgressDisplay(out, System.console() != null, System::nanoTime);
            boolean[] hinted = {false};
            StudyProgress progress;
            try {
                progress = follower.follow(p -> {
                    display.update(p);
                    if (stack != null) {
                        stack.deadService().ifPresent(dead -> {
                            throw new CliException(ExitCodes.FAILURE, dead);
                        });
                    }
                    if (!hinted[0] && p.state() == null && display.elapsed().compareTo(NO_ANSWER_HINT) > 0) {
                        hinted[0] = true;
                        display.note(err, "hpo: no answer to study " + id + " after " + NO_ANSWER_HINT.toSeconds()
                                + " s: is sampler-service running against " + broker + "? (still waiting)");
                    }
                });
            } catch (RuntimeException e) {
                display.endLine();
                throw e;
            }
            display.finish(progress);
            if (progress.state() == StudyState.REJECTED) {
                err.println("Study " + id + " rejected: " + progress.reason());
                return ExitCodes.BAD_INPUT;
            }
            Duration elapsed = display.elapsed();
            StudyView view = null;
            try {
                view = results.awaitComplete(id, progress.announcedFinishedTrials(), RESULTS_CATCH_UP);
            } catch (CliException e) {
                err.println("hpo: warning: " + e.getMessage() + "; the summary below comes from the events");
            }
            out.print(Reports.summary(progress, view, elapsed, results.studyUrl(id)));
            out.flush();
            return ExitCodes.OK;
        }
    }
}

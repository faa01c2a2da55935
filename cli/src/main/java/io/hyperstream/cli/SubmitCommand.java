package io.hyperstream.cli;

import io.hyperstream.cli.study.Broker;
import io.hyperstream.cli.study.StudyIds;
import io.hyperstream.cli.study.StudySubmitter;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.spec.StudySpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hpo submit}: publishes a study to a running system and prints its id. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Publishes a study to the study-commands topic and prints its id.",
                "Follow it with: hpo status <id> --api URL"})
final class SubmitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STUDY.yaml", description = "The study spec (YAML or JSON).")
    Path specFile;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", required = true, description = "The Kafka broker.")
    String bootstrap;

    @Option(names = "--study-id", paramLabel = "ID",
            description = "The study id (default: <name>-<6 random characters>).")
    String studyId;

    @Override
    public Integer call() {
        StudySpec study = Inputs.readSpec(specFile);
        String id = studyId != null ? StudyIds.check(studyId) : StudyIds.generate(study.name(), RandomGenerator.getDefault());
        String broker = Inputs.bootstrap(bootstrap);
        TopicNames topics = TopicNames.from(System.getProperties());
        Logging.configure("submit");
        Broker.checkReachable(broker);
        Broker.ensureTopics(broker, topics);
        StudySubmitter.submit(broker, topics, id, study);
        spec.commandLine().getOut().println(id);
        return ExitCodes.OK;
    }
}

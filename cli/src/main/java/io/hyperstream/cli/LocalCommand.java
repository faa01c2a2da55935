package io.hyperstream.cli;

import io.hyperstream.cli.stack.LocalStack;
import io.hyperstream.cli.stack.ServiceProcess;
import io.hyperstream.model.kafka.TopicNames;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hpo local}: starts the whole system with persistent data and keeps it up until Ctrl-C. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = {"Starts the whole system on this machine and keeps it up until Ctrl-C.",
                "The broker's and the store's data stay in the data folder between runs."})
final class LocalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--trainers", paramLabel = "N", defaultValue = "2",
            description = "Trainer processes to start (default: ${DEFAULT-VALUE}).")
    int trainers;

    @Option(names = "--trainer-threads", paramLabel = "N", defaultValue = "1",
            description = "Native (OpenMP/BLAS) threads per trainer (default: ${DEFAULT-VALUE}: one trainer per core).")
    int trainerThreads;

    @Option(names = "--trainer-heap", paramLabel = "SIZE", defaultValue = "512m",
            description = "Java heap of each trainer, such as 512m or 1g (default: ${DEFAULT-VALUE}).")
    String trainerHeap;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Where the broker and the store keep their data (default: <repository>/.hpo/data).")
    Path data;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Inputs.trainers(trainers);
        Path home = Home.find();
        Path dataDir = data != null ? data.toAbsolutePath().normalize() : Home.hpoDir(home).resolve("data");
        Logging.configure("local");
        LocalStack stack = new LocalStack(LocalStack.Config.persistent(home, trainers, dataDir, out)
                .withTopics(TopicNames.from(System.getProperties()))
                .withTrainerResources(Inputs.trainerResources(trainerThreads, trainerHeap)));
        ShutdownHooks.closeOnExit(stack, err);
        stack.start();
        out.print(banner(stack, trainers));
        out.flush();
        Set<String> reported = new HashSet<>();
        while (true) {
            Thread.sleep(1000);
            for (ServiceProcess s : stack.services()) {
                if (!s.isAlive() && !ShutdownHooks.shuttingDown() && reported.add(s.name())) {
                    err.println("hpo: warning: " + s.name() + " exited with code " + s.exitCode().orElse(-1)
                            + "; see " + s.log());
                    err.flush();
                }
            }
        }
    }

    static String banner(LocalStack stack, int trainers) {
        String nl = System.lineSeparator();
        String api = stack.apiUrl();
        String broker = stack.bootstrapServers();
        return nl + "Hyperstream is running (" + trainers + (trainers == 1 ? " trainer" : " trainers") + ")." + nl
                + "  Kafka bootstrap  " + broker + nl
                + "  MongoDB store    " + stack.mongoConnectionString() + nl
                + "  results API      " + api + "/api/studies" + nl
                + "  OpenAPI          " + api + "/q/openapi" + nl
                + "  health           " + api + "/q/health" + nl
                + "  data             " + stack.dataDir() + nl
                + "  logs             " + stack.logDir() + nl
                + nl
                + "Submit a study and follow it:" + nl
                + "  ./hpo run examples/branin.yaml --bootstrap " + broker + " --api " + api + nl
                + "Or only submit it, then ask for its status:" + nl
                + "  ./hpo submit examples/branin.yaml --bootstrap " + broker + nl
                + "  ./hpo status <study-id> --api " + api + nl
                + nl
                + "Press Ctrl-C to stop everything." + nl;
    }
}

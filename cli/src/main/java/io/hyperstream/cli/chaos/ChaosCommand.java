package io.hyperstream.cli.chaos;

import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import io.hyperstream.cli.Home;
import io.hyperstream.cli.Logging;
import io.hyperstream.cli.stack.LocalStack;
import io.hyperstream.model.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * {@code hpo chaos}: starts the local stack, runs fault scenarios on it one after the other and
 * prints, per scenario, the trials planned, finished, lost and duplicated (from a recount of the
 * event log compared with the results API) and the seconds to recover.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Runs fault scenarios on the local stack (broker, store, services, two trainers) and prints "
                + "one line per scenario: trials planned, finished, lost, duplicated, seconds to recover. Lost and "
                + "duplicated trials come from a recount of the event log compared with the results API.",
                "Scenarios, in the order all runs them: kill-trainer, poison, objective-faults, restart-services, "
                        + "store-outage, replay, broker-restart."})
public final class ChaosCommand implements Callable<Integer> {

    /** The scenarios in the order {@code all} runs them. */
    static List<Scenario> scenarios() {
        return List.of(new KillTrainerScenario(), new PoisonScenario(), new ObjectiveFaultsScenario(ChaosRun.TRIAL_TIMEOUT),
                new RestartServicesScenario(), new StoreOutageScenario(), new ReplayScenario(), new BrokerRestartScenario());
    }

    /**
     * How long services get to start (and to start again): the scenarios restart services on a
     * machine the stack itself keeps busy.
     */
    public static final Duration STACK_READY_TIMEOUT = Duration.ofMinutes(5);

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "all",
            description = "A scenario's name, several separated by commas, or all (default: ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write the figures as JSON to OUT.")
    Path json;

    @Override
    public Integer call() {
        List<Scenario> chosen = choose(scenario);
        Path home = Home.find();
        Logging.configure("chaos");
        PrintWriter out = spec.commandLine().getOut();
        out.println("Chaos: " + chosen.stream().map(Scenario::name).collect(Collectors.joining(", "))
                + " on the local stack with 2 trainers");
        out.flush();
        LocalStack stack = new LocalStack(ChaosRun.stackConfig(home, STACK_READY_TIMEOUT, ChaosRun.TRIAL_TIMEOUT, out));
        Thread hook = new Thread(stack::close, "hpo-chaos-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        List<ScenarioResult> results = new ArrayList<>();
        try {
            stack.start();
            stack.awaitTrainers();
            ChaosRun run = new ChaosRun(stack, out);
            for (Scenario s : chosen) {
                out.println(s.name() + ": " + s.description());
                out.flush();
                ScenarioResult result = s.run(run);
                results.add(result);
                out.println(line(result));
                result.problems().forEach(p -> out.println("    " + p));
                out.flush();
            }
        } finally {
            stack.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook runs anyway.
            }
        }
        out.print(table(results));
        if (json != null) {
            writeJson(json, json(results));
            out.println("JSON written to " + json);
        }
        out.flush();
        return results.stream().allMatch(ScenarioResult::passed) ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    static List<Scenario> choose(String names) {
        if (names == null || names.isBlank() || names.trim().equals("all")) {
            return scenarios();
        }
        List<Scenario> chosen = new ArrayList<>();
        for (String name : names.split(",")) {
            Scenario found = scenarios().stream().filter(s -> s.name().equals(name.trim())).findFirst()
                    .orElseThrow(() -> new CliException(ExitCodes.BAD_INPUT, "--scenario: unknown scenario '" + name.trim()
                            + "'; known scenarios: " + scenarios().stream().map(Scenario::name).toList() + " or all"));
            chosen.add(found);
        }
        return chosen;
    }

    static String line(ScenarioResult r) {
        return String.format(Locale.ROOT, "%s: planned %d, finished %d, lost %d, duplicated %d, recovered in %s -> %s",
                r.name(), r.planned(), r.finished(), r.lost(), r.duplicated(),
                r.recoverS() == null ? "-" : String.format(Locale.ROOT, "%.1f s", r.recoverS()),
                r.passed() ? "ok" : "FAILED");
    }

    static String table(List<ScenarioResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "  %-22s %7s %8s %5s %10s %10s  %s%n", "scenario", "planned", "finished",
                "lost", "duplicated", "recover s", "result"));
        for (ScenarioResult r : results) {
            out.append(String.format(Locale.ROOT, "  %-22s %7d %8d %5d %10d %10s  %s%n", r.name(), r.planned(),
                    r.finished(), r.lost(), r.duplicated(),
                    r.recoverS() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.recoverS()),
                    r.passed() ? "ok" : "FAILED"));
        }
        return out.toString();
    }

    static Map<String, Object> json(List<ScenarioResult> results) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("benchmark", "chaos");
        List<Map<String, Object>> list = new ArrayList<>();
        for (ScenarioResult r : results) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", r.name());
            s.put("planned", r.planned());
            s.put("finished", r.finished());
            s.put("lost", r.lost());
            s.put("duplicated", r.duplicated());
            s.put("recover_s", r.recoverS());
            s.put("passed", r.passed());
            s.put("problems", r.problems());
            s.put("studies", List.copyOf(r.studies().keySet()));
            s.putAll(r.details());
            list.add(s);
        }
        document.put("scenarios", list);
        return document;
    }

    private static void writeJson(Path file, Map<String, Object> document) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n");
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot write " + file + ": " + e.getMessage());
        }
    }
}

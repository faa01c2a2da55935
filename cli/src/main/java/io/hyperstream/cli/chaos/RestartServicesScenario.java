package io.hyperstream.cli.chaos;

import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Restarts sampler-service, pruner-service and results-service one after the other in the
 * middle of a study (SIGTERM, then the same process started again), as a rolling update would.
 * The study runs with the median pruner so that the pruner's restart matters. Recovery: from the
 * first restart to the first trial that ended after the last service was ready again.
 */
final class RestartServicesScenario implements Scenario {

    /** Enough trials of 8 x 300 ms that the study outlasts three restarts on a busy machine (about a minute). */
    private static final int TRIALS = 60;
    private static final List<String> SERVICES = List.of("sampler-service", "pruner-service", "results-service");

    @Override
    public String name() {
        return "restart-services";
    }

    @Override
    public String description() {
        return "restarts " + String.join(", ", SERVICES) + " one after the other while trials run";
    }

    @Override
    public ScenarioResult run(ChaosRun run) {
        String studyId = ChaosRun.studyId(name());
        Instant restartsBegan;
        Instant allBack;
        try (TrialEventFollower follower = run.follow()) {
            run.submit(studyId, ChaosRun.spec(name(), TRIALS, 8, 300, 2,
                    "{type: median, options: {n_startup_trials: 4, n_warmup_steps: 4}}"));
            follower.await(e -> e.studyId().equals(studyId) && e.isTerminal() && e.trialNumber() >= 1,
                    Duration.ofSeconds(240)).orElseThrow(() -> new CliException(ExitCodes.FAILURE,
                    "no trial of study " + studyId + " ended within 240 s"));
            restartsBegan = Instant.now();
            for (String service : SERVICES) {
                long started = System.nanoTime();
                run.stack().restart(service);
                run.say("restarted %s (ready again after %.1f s)", service, (System.nanoTime() - started) / 1e9);
            }
            allBack = Instant.now();
        }
        ScenarioResult partial = run.judge(name(), studyId, TRIALS, Duration.ofMinutes(8), null, new ArrayList<>(),
                Map.of());
        Double recoverS = EventLog.read(run.bootstrapServers(), run.topics(), Set.of(studyId)).stream()
                .filter(e -> e.isTerminal() && e.timestamp() != null && e.timestamp().isAfter(allBack))
                .map(e -> ChaosRun.seconds(restartsBegan, e.timestamp())).min(Double::compare).orElse(null);
        List<String> problems = new ArrayList<>(partial.problems());
        if (recoverS == null) {
            problems.add("no trial ended after the services were back: the study ended during the restarts; "
                    + "nothing was left to show recovery");
        }
        Map<String, Object> details = new LinkedHashMap<>(partial.details());
        details.put("restarted", SERVICES);
        return new ScenarioResult(name(), TRIALS, partial.finished(), partial.lost(), partial.duplicated(), recoverS,
                List.copyOf(problems), details);
    }
}

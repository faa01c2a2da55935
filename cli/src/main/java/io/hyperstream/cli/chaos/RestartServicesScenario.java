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
 * Restarts sampler-service, pruner-service and results-service in the middle of a study
 * (SIGTERM, then the same processes started again): one after the other, as a rolling update
 * would, or all at once, as an outage of the whole control plane would. The study runs with the
 * median pruner so that the pruner's restart matters. Recovery: from the first stop to the first
 * trial that ended after the last service was ready again.
 */
public final class RestartServicesScenario implements Scenario {

    private static final List<String> SERVICES = List.of("sampler-service", "pruner-service", "results-service");

    private final int trials;
    private final boolean together;

    /**
     * The scenario of {@code hpo chaos}: a rolling restart, during a study of 60 trials of
     * 8 x 300 ms, enough that it outlasts three restarts on a busy machine (about a minute each).
     */
    public RestartServicesScenario() {
        this(60, false);
    }

    /**
     * @param trials   the study's budget (8 epochs of 300 ms each)
     * @param together whether the three services stop and start again at once rather than one
     *                 after the other. Together, the study cannot end while they are down (no
     *                 sampler schedules its next trials), so a small budget shows the recovery
     *                 whatever the time the restart takes; one after the other, the budget must
     *                 outlast the restarts.
     */
    public RestartServicesScenario(int trials, boolean together) {
        this.trials = trials;
        this.together = together;
    }

    @Override
    public String name() {
        return "restart-services";
    }

    @Override
    public String description() {
        return "restarts " + String.join(", ", SERVICES) + (together ? " at once" : " one after the other")
                + " while trials run";
    }

    @Override
    public ScenarioResult run(ChaosRun run) {
        String studyId = ChaosRun.studyId(name());
        Instant restartsBegan;
        Instant allBack;
        try (TrialEventFollower follower = run.follow()) {
            run.submit(studyId, ChaosRun.spec(name(), trials, 8, 300, 2,
                    "{type: median, options: {n_startup_trials: 4, n_warmup_steps: 4}}"));
            follower.await(e -> e.studyId().equals(studyId) && e.isTerminal() && e.trialNumber() >= 1,
                    Duration.ofSeconds(240)).orElseThrow(() -> new CliException(ExitCodes.FAILURE,
                    "no trial of study " + studyId + " ended within 240 s"));
            restartsBegan = Instant.now();
            if (together) {
                long started = System.nanoTime();
                run.stack().restart(SERVICES);
                run.say("restarted %s at once (ready again after %.1f s)", String.join(", ", SERVICES),
                        (System.nanoTime() - started) / 1e9);
            } else {
                for (String service : SERVICES) {
                    long started = System.nanoTime();
                    run.stack().restart(service);
                    run.say("restarted %s (ready again after %.1f s)", service, (System.nanoTime() - started) / 1e9);
                }
            }
            allBack = Instant.now();
        }
        ScenarioResult partial = run.judge(name(), studyId, trials, Duration.ofMinutes(8), null, new ArrayList<>(),
                Map.of());
        Double recoverS = EventLog.read(run.bootstrapServers(), run.topics(), Set.of(studyId)).stream()
                .filter(e -> e.isTerminal() && e.timestamp() != null && e.timestamp().isAfter(allBack))
                .map(e -> ChaosRun.seconds(restartsBegan, e.timestamp())).min(Double::compare).orElse(null);
        List<String> problems = new ArrayList<>();
        if (recoverS == null) {
            problems.add("no trial ended after the services were back: the study ended during the restarts; "
                    + "nothing was left to show recovery");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("restarted", SERVICES);
        details.put("together", together);
        return partial.with(recoverS, problems, details);
    }
}

package io.hyperstream.cli.chaos;

import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import io.hyperstream.cli.results.StudyView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The results store is unavailable (30 s by default) in the middle of a study: trials go on
 * (nothing else needs the store), results-service's channels wait with the events in Kafka, and
 * once the store is back it catches up. Recovery: from the store's return to the moment the API
 * counts as many finished trials as the event log.
 */
public final class StoreOutageScenario implements Scenario {

    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(6);

    private final int trials;
    private final Duration outage;

    /** The scenario of {@code hpo chaos}: 16 trials, the store down for 30 s. */
    public StoreOutageScenario() {
        this(16, Duration.ofSeconds(30));
    }

    /**
     * @param trials the study's budget (5 epochs of 300 ms each)
     * @param outage how long the store stays down
     */
    public StoreOutageScenario(int trials, Duration outage) {
        this.trials = trials;
        this.outage = outage;
    }

    @Override
    public String name() {
        return "store-outage";
    }

    @Override
    public String description() {
        return "the results store is down for " + outage.toSeconds() + " s while trials run";
    }

    @Override
    public ScenarioResult run(ChaosRun run) {
        String studyId = ChaosRun.studyId(name());
        try (TrialEventFollower follower = run.follow()) {
            run.submit(studyId, ChaosRun.spec(name(), trials, 5, 300, 2));
            follower.await(e -> e.studyId().equals(studyId) && e.isTerminal(), Duration.ofSeconds(240))
                    .orElseThrow(() -> new CliException(ExitCodes.FAILURE, "no trial of study " + studyId
                            + " ended within 240 s"));
        }
        run.stack().stopStore();
        run.say("store stopped; trials go on");
        ChaosRun.sleep(outage.toMillis());
        run.stack().startStore();
        long back = System.nanoTime();
        run.say("store started again after %d s", outage.toSeconds());
        Double recoverS = null;
        long deadline = back + CATCH_UP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            int logFinished = Recount.of(EventLog.read(run.bootstrapServers(), run.topics(), Set.of(studyId))).finished();
            Optional<StudyView> view = run.find(studyId);
            if (view.isPresent() && view.get().counts().finished() >= logFinished) {
                recoverS = (System.nanoTime() - back) / 1e9;
                break;
            }
            ChaosRun.sleep(250);
        }
        List<String> problems = new ArrayList<>();
        if (recoverS == null) {
            problems.add("the API did not catch up with the event log within " + CATCH_UP_TIMEOUT.toSeconds()
                    + " s of the store's return");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("outage_s", outage.toSeconds());
        return run.judge(name(), studyId, trials, Duration.ofMinutes(8), recoverS, problems, extra);
    }
}

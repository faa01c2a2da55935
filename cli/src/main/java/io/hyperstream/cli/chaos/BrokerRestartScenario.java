package io.hyperstream.cli.chaos;

import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kafka broker stops in the middle of a study and starts again on its port with its data a
 * few seconds later; every service and trainer must reconnect and the study end as planned.
 * Recovery: from the broker's stop to the first trial ended after its return.
 */
public final class BrokerRestartScenario implements Scenario {

    private final int trials;
    private final Duration down;

    /** The scenario of {@code hpo chaos}: 12 trials, the broker down for 5 s. */
    public BrokerRestartScenario() {
        this(12, Duration.ofSeconds(5));
    }

    /**
     * @param trials the study's budget (5 epochs of 300 ms each); at least 6, so that trials
     *               remain to be scheduled once the broker is back
     * @param down   how long the broker stays stopped
     */
    public BrokerRestartScenario(int trials, Duration down) {
        if (trials < 6) {
            throw new IllegalArgumentException("trials must be at least 6, but got " + trials);
        }
        this.trials = trials;
        this.down = down;
    }

    @Override
    public String name() {
        return "broker-restart";
    }

    @Override
    public String description() {
        return "the Kafka broker stops for " + down.toSeconds() + " s while trials run";
    }

    @Override
    public ScenarioResult run(ChaosRun run) {
        String studyId = ChaosRun.studyId(name());
        try (TrialEventFollower follower = run.follow()) {
            run.submit(studyId, ChaosRun.spec(name(), trials, 5, 300, 2));
            follower.await(e -> e.studyId().equals(studyId) && e.isTerminal() && e.trialNumber() >= 1,
                    Duration.ofSeconds(240)).orElseThrow(() -> new CliException(ExitCodes.FAILURE,
                    "no trial of study " + studyId + " ended within 240 s"));
        }
        Instant stopped = Instant.now();
        run.stack().restartBroker(down);
        Instant back = Instant.now();
        run.say("broker stopped and started again (%.1f s)", ChaosRun.seconds(stopped, back));
        ScenarioResult partial = run.judge(name(), studyId, trials, Duration.ofMinutes(8), null, new ArrayList<>(),
                Map.of());
        Double recoverS = EventLog.read(run.bootstrapServers(), run.topics(), Set.of(studyId)).stream()
                .filter(e -> e.isTerminal() && e.timestamp() != null && e.timestamp().isAfter(back))
                .map(e -> ChaosRun.seconds(stopped, e.timestamp())).min(Double::compare).orElse(null);
        List<String> problems = new ArrayList<>();
        if (recoverS == null) {
            problems.add("no trial ended after the broker was back");
        }
        return partial.with(recoverS, problems, Map.of("down_s", down.toSeconds()));
    }
}

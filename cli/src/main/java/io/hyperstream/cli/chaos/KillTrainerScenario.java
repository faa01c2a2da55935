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
 * SIGKILL of a trainer in the middle of a trial: the trial's lease expires, another trainer runs
 * it again as the next attempt, and the killed trainer is started again (as a rescheduled pod
 * would be). Recovery: from the kill to the killed trial's end.
 */
public final class KillTrainerScenario implements Scenario {

    private static final int TRIALS = 10;
    private static final int EPOCHS = 8;
    private static final int EPOCH_MS = 250;
    private static final String VICTIM = "trainer-1";

    @Override
    public String name() {
        return "kill-trainer";
    }

    @Override
    public String description() {
        return "SIGKILL of " + VICTIM + " after its trial's second epoch; it is started again at once";
    }

    @Override
    public ScenarioResult run(ChaosRun run) {
        String studyId = ChaosRun.studyId(name());
        List<String> problems = new ArrayList<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        LoggedEvent victimEpoch;
        Instant killedAt;
        try (TrialEventFollower follower = run.follow()) {
            run.submit(studyId, ChaosRun.spec(name(), TRIALS, EPOCHS, EPOCH_MS, 2));
            victimEpoch = follower.await(e -> e.studyId().equals(studyId) && "EpochReported".equals(e.type())
                            && VICTIM.equals(e.trainerId()) && e.trialNumber() < TRIALS - 2, Duration.ofSeconds(240))
                    .orElseThrow(() -> new CliException(ExitCodes.FAILURE, VICTIM + " reported no epoch of study "
                            + studyId + " within 240 s"));
            follower.await(e -> e.studyId().equals(studyId) && e.trialNumber() == victimEpoch.trialNumber()
                    && "EpochReported".equals(e.type()) && e.epoch() >= 2, Duration.ofSeconds(10));
            killedAt = Instant.now();
            run.stack().kill(VICTIM);
        }
        run.say("killed %s (SIGKILL) while it ran trial %d; starting it again", VICTIM, victimEpoch.trialNumber());
        run.stack().restart(VICTIM);
        ScenarioResult partial = run.judge(name(), studyId, TRIALS, Duration.ofMinutes(8), null, problems, extra);
        List<LoggedEvent> events = EventLog.read(run.bootstrapServers(), run.topics(), Set.of(studyId));
        Double recoverS = null;
        int attempts = 0;
        for (LoggedEvent e : events) {
            if (e.trialNumber() != victimEpoch.trialNumber()) {
                continue;
            }
            attempts = Math.max(attempts, e.attempt());
            if (e.isTerminal() && e.timestamp() != null && e.timestamp().isAfter(killedAt) && recoverS == null) {
                recoverS = ChaosRun.seconds(killedAt, e.timestamp());
            }
        }
        List<String> more = new ArrayList<>();
        if (recoverS == null) {
            more.add("trial " + victimEpoch.trialNumber() + " of the killed trainer did not end after the kill");
        }
        if (attempts < 2) {
            more.add("trial " + victimEpoch.trialNumber() + " was not run again (attempts seen: " + attempts + ")");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("killed_trial", victimEpoch.trialNumber());
        details.put("killed_trial_attempts", attempts);
        return partial.with(recoverS, more, details);
    }
}

package io.hyperstream.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.cli.chaos.ApiReader;
import io.hyperstream.cli.chaos.BrokerRestartScenario;
import io.hyperstream.cli.chaos.ChaosCommand;
import io.hyperstream.cli.chaos.ChaosRun;
import io.hyperstream.cli.chaos.EventLog;
import io.hyperstream.cli.chaos.KillTrainerScenario;
import io.hyperstream.cli.chaos.LoggedEvent;
import io.hyperstream.cli.chaos.ObjectiveFaultsScenario;
import io.hyperstream.cli.chaos.PoisonScenario;
import io.hyperstream.cli.chaos.ReplayScenario;
import io.hyperstream.cli.chaos.RestartServicesScenario;
import io.hyperstream.cli.chaos.Scenario;
import io.hyperstream.cli.chaos.ScenarioResult;
import io.hyperstream.cli.chaos.StoreOutageScenario;
import io.hyperstream.cli.results.ResultsClient;
import io.hyperstream.cli.results.StudyView;
import io.hyperstream.cli.stack.LocalStack;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seven scenarios of {@code hpo chaos} on one local stack (broker, store, the three services,
 * two trainer processes), in the command's order, the slow ones with short settings: a 10 s trial
 * time limit for the hanging objective, the three services restarted at once during a study of 12
 * trials, a 5 s store outage, a broker restart during 8 trials. Each test asserts what issue 7
 * promises, from the results API and a recount of the event log done here (not from the
 * scenario's own verdict alone): the study is COMPLETE, its finished trials equal its budget and
 * are exactly trials 0 to budget-1, the API's finished and total counts equal the log's, nothing
 * is lost or duplicated; poison inputs and broken objectives show a reason naming what was wrong.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosScenariosTest {

    private static final Duration TRIAL_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> TERMINAL = Set.of("TrialCompleted", "TrialPruned", "TrialFailed");

    private static LocalStack stack;
    private static ChaosRun run;
    private static ResultsClient results;
    private static ApiReader api;

    @BeforeAll
    static void startStack() {
        Path home = Path.of(System.getProperty("hyperstream.home", "..")).toAbsolutePath().normalize();
        PrintWriter out = new PrintWriter(System.out, true);
        stack = new LocalStack(ChaosRun.stackConfig(home, ChaosCommand.STACK_READY_TIMEOUT, TRIAL_TIMEOUT, out));
        stack.start();
        stack.awaitTrainers();
        run = new ChaosRun(stack, out);
        results = new ResultsClient(stack.apiUrl());
        api = new ApiReader(stack.apiUrl());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aTrainerKilledMidTrialLosesNothingAndItsTrialRunsAgain() {
        ScenarioResult result = runScenario(new KillTrainerScenario());

        assertHeld(result);
        String studyId = onlyStudy(result);
        int killed = ((Number) result.details().get("killed_trial")).intValue();
        List<LoggedEvent> ofKilled = log(studyId).stream().filter(e -> e.trialNumber() == killed).toList();
        assertThat(ofKilled).filteredOn(e -> e.type().equals("TrialStarted")).extracting(LoggedEvent::attempt)
                .as("attempts of the killed trial %d", killed).contains(1, 2);
        assertThat(ofKilled).filteredOn(LoggedEvent::isTerminal).extracting(LoggedEvent::attempt)
                .as("the attempt that ended the killed trial").allMatch(a -> a >= 2);
    }

    @Test
    @Order(2)
    void everyPoisonInputIsRefusedWithAReasonNamingWhatWasWrong() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("malformed JSON (study-commands)", List.of("Unexpected character"));
        expected.put("unknown event type", List.of("type must be", "'LaunchMissiles'"));
        expected.put("malformed JSON (trial-events)", List.of("Unexpected character"));
        expected.put("oversized submission (> 256 KiB)", List.of("at most 262144", "hyperstream.sampler.max-spec-bytes"));
        expected.put("low > high", List.of("search_space[0]", "'x0'", "low <= high", "low=10.0, high=-5.0"));
        expected.put("log with low <= 0", List.of("search_space[0]", "'x0'", "log=true needs low > 0"));
        expected.put("empty choices", List.of("search_space[2]", "'c'", "choices"));
        expected.put("unknown sampler", List.of("sampler.type", "'simulated-annealing'"));
        expected.put("unknown pruner", List.of("pruner.type", "'guillotine'"));
        expected.put("n_trials <= 0", List.of("n_trials", "got 0"));
        expected.put("NaN bounds", List.of("search_space[0]", "'x0'", "NaN"));
        expected.put("condition on an unknown parameter", List.of("'y'", "'ghost'"));
        expected.put("unregistered trainer kind", List.of("objective.kind", "'java.lang.Runtime'"));
        expected.put("duplicate study id", List.of("already used"));

        ScenarioResult result = runScenario(new PoisonScenario());

        assertHeld(result);
        @SuppressWarnings("unchecked")
        List<Map<String, String>> rejections = (List<Map<String, String>>) result.details().get("rejections");
        assertThat(rejections).extracting(r -> r.get("input")).containsExactlyElementsOf(expected.keySet());
        for (Map<String, String> rejection : rejections) {
            String input = rejection.get("input");
            String shown = shownByApi(rejection.get("shown_as"), rejection.get("id"));
            assertThat(shown).as("the refusal of '%s' as the API shows it now", input).isNotNull();
            for (String fragment : expected.get(input)) {
                assertThat(shown).as("the refusal of '%s'", input).contains(fragment);
            }
        }
        // The duplicate submission names the study id it reused.
        String valid = onlyStudy(result);
        assertThat(shownByApi("duplicate-submission", valid)).contains(valid);
    }

    @Test
    @Order(3)
    void brokenObjectivesFailTheirTrialsWithTheirReasonAndTheTrainersGoOn() {
        Map<String, List<String>> expected = Map.of(
                "throws", List.of("synthetic fault at epoch 2", "objective.settings.fault=throw"),
                "returns NaN", List.of("returned NaN", "metric value"),
                "returns infinity", List.of("returned inf", "metric value"),
                "hangs", List.of("longer than its time limit of PT10S", "hyperstream.trainer.trial-timeout"),
                "network too large", List.of("21-4096-4096-3", "model-memory-limit"));

        ScenarioResult result = runScenario(new ObjectiveFaultsScenario(TRIAL_TIMEOUT));

        assertHeld(result);
        // Five faulty studies and the healthy one after them.
        assertThat(result.studies()).hasSize(6);
        @SuppressWarnings("unchecked")
        List<Map<String, String>> failures = (List<Map<String, String>>) result.details().get("failures");
        assertThat(failures).extracting(f -> f.get("objective")).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map<String, String> failure : failures) {
            String objective = failure.get("objective");
            String studyId = failure.get("study");
            List<JsonNode> trials = api.trials(studyId);
            assertThat(trials).as("trials of the study whose objective %s", objective)
                    .hasSize(result.studies().get(studyId));
            for (JsonNode trial : trials) {
                assertThat(trial.path("state").asText()).as("a trial whose objective %s", objective).isEqualTo("FAIL");
                for (String fragment : expected.get(objective)) {
                    assertThat(trial.path("reason").asText()).as("the reason of a trial whose objective %s", objective)
                            .contains(fragment);
                }
            }
        }
    }

    @Test
    @Order(4)
    void samplerPrunerAndResultsRestartedMidStudyLoseNothing() {
        ScenarioResult result = runScenario(new RestartServicesScenario(12, true));

        assertHeld(result);
        assertThat(result.details()).containsEntry("together", true);
    }

    @Test
    @Order(5)
    void aStoreOutageLosesNothing() {
        ScenarioResult result = runScenario(new StoreOutageScenario(10, Duration.ofSeconds(5)));

        assertHeld(result);
    }

    @Test
    @Order(6)
    void replayedAndReorderedEventsCountOnce() {
        ScenarioResult result = runScenario(new ReplayScenario());

        assertHeld(result);
        // The log really holds the terminal events twice: the replay happened, and counted once.
        List<LoggedEvent> ends = log(onlyStudy(result)).stream().filter(LoggedEvent::isTerminal).toList();
        long distinct = ends.stream().map(LoggedEvent::eventId).distinct().count();
        assertThat((long) ends.size()).as("terminal records in the log").isGreaterThan(distinct);
    }

    @Test
    @Order(7)
    void aBrokerRestartMidStudyLosesNothing() {
        ScenarioResult result = runScenario(new BrokerRestartScenario(8, Duration.ofSeconds(5)));

        assertHeld(result);
    }

    private static ScenarioResult runScenario(Scenario scenario) {
        long started = System.nanoTime();
        ScenarioResult result = scenario.run(run);
        System.out.printf("%s: planned %d, finished %d, lost %d, duplicated %d, recovered in %s s, %s; took %.1f s%n",
                result.name(), result.planned(), result.finished(), result.lost(), result.duplicated(),
                result.recoverS(), result.passed() ? "ok" : "FAILED " + result.problems(),
                (System.nanoTime() - started) / 1e9);
        return result;
    }

    /**
     * The promise of every scenario, checked against the API and a recount of each study's event
     * log done here.
     */
    private static void assertHeld(ScenarioResult result) {
        assertThat(result.problems()).as("what %s found wrong", result.name()).isEmpty();
        assertThat(result.planned()).isPositive();
        assertThat(result.finished()).as("finished").isEqualTo(result.planned());
        assertThat(result.lost()).as("lost").isZero();
        assertThat(result.duplicated()).as("duplicated").isZero();
        assertThat(result.recoverS()).as("seconds to recover").isNotNull();
        assertThat(result.studies().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(result.planned());
        long apiFinished = 0;
        for (Map.Entry<String, Integer> study : result.studies().entrySet()) {
            String studyId = study.getKey();
            int budget = study.getValue();
            StudyView view = results.find(studyId).orElseThrow(() -> new AssertionError("the API does not know " + studyId));
            List<LoggedEvent> log = log(studyId);
            Set<Integer> scheduled = log.stream().filter(e -> e.type().equals("TrialScheduled"))
                    .map(LoggedEvent::trialNumber).collect(Collectors.toSet());
            Map<Integer, Set<String>> endStates = new TreeMap<>();
            log.stream().filter(e -> TERMINAL.contains(e.type()))
                    .forEach(e -> endStates.computeIfAbsent(e.trialNumber(), n -> new HashSet<>()).add(e.terminalState()));

            assertThat(view.state()).as("state of %s", studyId).isEqualTo("COMPLETE");
            assertThat(view.counts().finished()).as("the API's finished trials of %s", studyId).isEqualTo(budget);
            assertThat(endStates.keySet()).as("trials of %s ended in the event log", studyId)
                    .containsExactlyElementsOf(IntStream.range(0, budget).boxed().toList());
            assertThat(view.counts().finished()).as("the API's finished trials of %s against the log", studyId)
                    .isEqualTo(endStates.size());
            assertThat(view.counts().total()).as("the API's trials of %s against the log's scheduled", studyId)
                    .isEqualTo(scheduled.size());
            if (endStates.values().stream().allMatch(s -> s.size() == 1)) {
                Map<String, Long> byState = new HashMap<>();
                endStates.values().forEach(s -> byState.merge(s.iterator().next(), 1L, Long::sum));
                assertThat(view.counts().complete()).as("COMPLETE trials of %s", studyId)
                        .isEqualTo(byState.getOrDefault("COMPLETE", 0L));
                assertThat(view.counts().pruned()).as("PRUNED trials of %s", studyId)
                        .isEqualTo(byState.getOrDefault("PRUNED", 0L));
                assertThat(view.counts().fail()).as("FAIL trials of %s", studyId).isEqualTo(byState.getOrDefault("FAIL", 0L));
            }
            apiFinished += view.counts().finished();
        }
        assertThat(apiFinished).as("the API's finished trials of all studies").isEqualTo(result.finished());
    }

    private static List<LoggedEvent> log(String studyId) {
        return EventLog.read(stack.bootstrapServers(), stack.topics(), Set.of(studyId));
    }

    private static String onlyStudy(ScenarioResult result) {
        assertThat(result.studies()).hasSize(1);
        return result.studies().keySet().iterator().next();
    }

    /**
     * A refusal read from the API now: the service and error of each dead letter of the input, the
     * rejection's or the duplicate's reason; null if the API does not show it.
     */
    private static String shownByApi(String shownAs, String id) {
        switch (shownAs) {
            case "dead-letter":
                String letters = api.deadLetters().stream().filter(d -> d.path("payload").asText("").contains(id))
                        .map(d -> d.path("service").asText() + ": " + d.path("error").asText())
                        .collect(Collectors.joining(" | "));
                return letters.isEmpty() ? null : letters;
            case "rejected-study":
                return api.study(id).filter(j -> j.path("state").asText().equalsIgnoreCase("REJECTED"))
                        .map(j -> j.path("reason").asText()).orElse(null);
            case "duplicate-submission":
                return api.study(id).map(j -> j.path("duplicateSubmissions")).filter(d -> d.isArray() && d.size() > 0)
                        .map(d -> d.get(0).path("reason").asText()).orElse(null);
            default:
                throw new AssertionError("unknown kind of refusal: " + shownAs);
        }
    }
}

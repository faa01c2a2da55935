package io.hyperstream.cli.chaos;

import io.hyperstream.cli.results.StudyView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario ended with.
 *
 * @param planned    the study's trial budget
 * @param finished   finished trials as the results API counts them
 * @param lost       trials of the budget that never finished in the event log, plus trials finished in the
 *                   log that the API does not count
 * @param duplicated trials the API counts beyond the log's distinct finished trials, plus finished trials
 *                   beyond the budget
 * @param recoverS   seconds from the fault to the system's recovery (see each scenario), null if not measured
 * @param problems   every way the scenario fell short of its promise; empty when it held
 * @param details    further figures (the recount, rejections seen...), for the JSON
 * @param studies    the studies the scenario ran, each with its trial budget (they sum to {@code planned})
 */
public record ScenarioResult(String name, int planned, long finished, long lost, long duplicated, Double recoverS,
                             List<String> problems, Map<String, Object> details, Map<String, Integer> studies) {

    public ScenarioResult {
        problems = List.copyOf(problems);
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        studies = Collections.unmodifiableMap(new LinkedHashMap<>(studies));
    }

    /** Whether the scenario kept its promise: no problem found. */
    public boolean passed() {
        return problems.isEmpty();
    }

    /**
     * The same figures with the recovery time a scenario measured itself, the problems it found
     * and its further details added.
     */
    ScenarioResult with(Double recoverS, List<String> moreProblems, Map<String, Object> moreDetails) {
        List<String> allProblems = new ArrayList<>(problems);
        allProblems.addAll(moreProblems);
        Map<String, Object> allDetails = new LinkedHashMap<>(details);
        allDetails.putAll(moreDetails);
        return new ScenarioResult(name, planned, finished, lost, duplicated, recoverS, allProblems, allDetails, studies);
    }

    /**
     * Compares the API's view of a study with the recount of its event log. {@code problems}
     * holds what the scenario found wrong itself; the comparison adds its own.
     */
    static ScenarioResult judge(String name, String studyId, int planned, Recount log, StudyView api, Double recoverS,
                                List<String> scenarioProblems, Map<String, Object> extra) {
        List<String> problems = new ArrayList<>(scenarioProblems);
        long apiFinished = api.counts().finished();
        long lost = Math.max(0, planned - log.finished()) + Math.max(0, log.finished() - apiFinished);
        long duplicated = Math.max(0, apiFinished - log.finished()) + Math.max(0, log.finished() - planned);
        if (!"COMPLETE".equals(api.state())) {
            problems.add("the API shows the study " + api.state() + (api.reason() == null ? "" : " (" + api.reason() + ")")
                    + ", not COMPLETE");
        }
        if (apiFinished != planned) {
            problems.add("the API counts " + apiFinished + " finished trials for a budget of " + planned);
        }
        if (apiFinished != log.finished()) {
            problems.add("the API counts " + apiFinished + " finished trials, the event log " + log.finished());
        }
        if (api.counts().total() != log.scheduled()) {
            problems.add("the API counts " + api.counts().total() + " trials, the event log schedules " + log.scheduled());
        }
        if (log.rerun() == 0) {
            Map<String, Long> apiStates = Map.of("COMPLETE", api.counts().complete(), "PRUNED", api.counts().pruned(),
                    "FAIL", api.counts().fail());
            for (Map.Entry<String, Long> e : apiStates.entrySet()) {
                long fromLog = log.byState().getOrDefault(e.getKey(), 0);
                if (fromLog != e.getValue()) {
                    problems.add("the API counts " + e.getValue() + " " + e.getKey() + " trials, the event log " + fromLog);
                }
            }
        }
        if (lost > 0) {
            problems.add(lost + " trial(s) lost");
        }
        if (duplicated > 0) {
            problems.add(duplicated + " trial(s) duplicated");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("log_scheduled", log.scheduled());
        details.put("log_finished", log.finished());
        details.put("log_terminal_events", log.terminalEvents());
        details.put("log_by_state", log.byState());
        details.put("api_finished", apiFinished);
        details.put("api_total", api.counts().total());
        details.put("reruns", log.rerun());
        details.put("max_attempt", log.maxAttempt());
        details.putAll(extra);
        return new ScenarioResult(name, planned, apiFinished, lost, duplicated, recoverS, problems, details,
                Map.of(studyId, planned));
    }
}

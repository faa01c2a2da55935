package io.hyperstream.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.model.spec.StudySpecReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Objectives that break: one that throws, one that returns NaN, one that returns infinity, one
 * that hangs past the trainers' trial time limit, and a network too large for the trainers'
 * memory guard, each as a study of its own. Every trial must end FAIL with its reason visible
 * through the API, every study must complete with its budget, and the trainers must go on (a
 * healthy study runs to its end after them). Recovery: from the hanging study's submission to
 * its last trial's end (the time limit plus the time to stop).
 */
public final class ObjectiveFaultsScenario implements Scenario {

    private static final int TRIALS_PER_FAULT = 2;

    private final Duration trialTimeout;

    /**
     * @param trialTimeout the trainers' trial time limit ({@code hyperstream.trainer.trial-timeout}
     *                     of the stack): how long the hanging objective runs before it is stopped
     */
    public ObjectiveFaultsScenario(Duration trialTimeout) {
        this.trialTimeout = trialTimeout;
    }

    @Override
    public String name() {
        return "objective-faults";
    }

    @Override
    public String description() {
        return "objectives that throw, return NaN or infinity, hang past the " + trialTimeout.toSeconds()
                + " s trial limit, or need a network over the memory guard; then a healthy study";
    }

    private record Fault(String label, StudySpec spec, String reasonFragment) {
    }

    @Override
    public ScenarioResult run(ChaosRun run) {
        ApiReader api = new ApiReader(run.stack().apiUrl());
        List<Fault> faults = List.of(
                synthetic("throws", "throw", "synthetic fault at epoch 2"),
                synthetic("returns NaN", "nan", "objective returned NaN"),
                synthetic("returns infinity", "infinity", "objective returned inf"),
                synthetic("hangs", "hang", "longer than its time limit"),
                new Fault("network too large", StudySpecReader.read("""
                        name: chaos-too-large
                        direction: maximize
                        search_space: [{name: lr, type: float, low: 0.001, high: 0.01, log: true}]
                        sampler: {type: random, seed: 3}
                        objective:
                          kind: mlp-classifier
                          settings: {dataset: fetal_health.csv, target: fetal_health, n_layers: 2, n_units_l0: 4096, n_units_l1: 4096}
                          metric: balanced_accuracy
                          max_epochs: 2
                        budget: {n_trials: %d, parallelism: 2}
                        """.formatted(TRIALS_PER_FAULT)), "model-memory-limit"));
        List<String> problems = new ArrayList<>();
        List<Map<String, Object>> shown = new ArrayList<>();
        Map<String, String> studies = new LinkedHashMap<>();
        for (Fault fault : faults) {
            String studyId = ChaosRun.studyId("objective");
            run.submit(studyId, fault.spec());
            studies.put(fault.label(), studyId);
        }
        long hangSubmitted = System.nanoTime();
        Map<String, Integer> budgets = new LinkedHashMap<>();
        int planned = 0;
        long finished = 0;
        long lost = 0;
        long duplicated = 0;
        Double recoverS = null;
        for (Fault fault : faults) {
            String studyId = studies.get(fault.label());
            ScenarioResult result = run.judge(name(), studyId, TRIALS_PER_FAULT, Duration.ofMinutes(6), null,
                    List.of(), Map.of());
            if (fault.label().equals("hangs")) {
                recoverS = (System.nanoTime() - hangSubmitted) / 1e9;
            }
            planned += result.planned();
            finished += result.finished();
            lost += result.lost();
            duplicated += result.duplicated();
            budgets.putAll(result.studies());
            result.problems().forEach(p -> problems.add(fault.label() + ": " + p));
            List<String> reasons = new ArrayList<>();
            for (JsonNode trial : api.trials(studyId)) {
                String state = trial.path("state").asText();
                String reason = trial.path("reason").asText("");
                if (!"FAIL".equals(state) || !reason.contains(fault.reasonFragment())) {
                    problems.add(fault.label() + ": trial " + trial.path("number").asInt() + " is " + state
                            + " with reason '" + reason + "', not FAIL with '" + fault.reasonFragment() + "'");
                }
                reasons.add(reason);
            }
            String first = reasons.isEmpty() ? "(no trial)" : reasons.get(0);
            run.say("%-18s -> %d/%d trials FAIL: %s", fault.label(), reasons.size(), TRIALS_PER_FAULT,
                    first.length() > 140 ? first.substring(0, 140) + "..." : first);
            shown.add(Map.of("objective", fault.label(), "reason", first, "study", studyId));
        }
        String healthy = ChaosRun.studyId("objective-healthy");
        run.submit(healthy, ChaosRun.spec(name(), 4, 3, 100, 2));
        ScenarioResult after = run.judge(name(), healthy, 4, Duration.ofMinutes(6), null, List.of(), Map.of());
        after.problems().forEach(p -> problems.add("healthy study after the faults: " + p));
        planned += after.planned();
        finished += after.finished();
        lost += after.lost();
        duplicated += after.duplicated();
        budgets.putAll(after.studies());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("studies", studies.size() + 1);
        details.put("trial_timeout_s", trialTimeout.toSeconds());
        details.put("failures", shown);
        return new ScenarioResult(name(), planned, finished, lost, duplicated, recoverS, problems, details, budgets);
    }

    private static Fault synthetic(String label, String fault, String reasonFragment) {
        return new Fault(label, StudySpecReader.read("""
                name: chaos-%s
                direction: minimize
                search_space:
                  - {name: x0, type: float, low: -5, high: 10}
                  - {name: x1, type: float, low: 0, high: 15}
                sampler: {type: random, seed: 5}
                objective: {kind: synthetic, settings: {function: branin, epoch_delay_ms: 100, fault: %s, fault_epoch: 2}, metric: value, max_epochs: 4}
                budget: {n_trials: %d, parallelism: 2}
                """.formatted(fault, fault, TRIALS_PER_FAULT)), reasonFragment);
    }
}

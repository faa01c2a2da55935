package io.hyperstream.pruner.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.PruneVerdict;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialPruned;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.model.spec.StudySpecReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every pruner must do, checked on one scripted study run through the pruning service: 12
 * trials of 20 epochs, three at a time. Trials 0-9 are ordinary (minimizing: 1 + 0.1 n + 1/epoch),
 * trial 10 is better than all at every epoch (1/epoch), trial 11 is clearly the worst (10 + 0.01 epoch,
 * getting worse). Maximizing, every value is negated. A pruned trial stops; the others complete.
 */
class PrunerContractTest {

    private static final String STUDY = "contract-study";
    private static final int TRIALS = 12;
    private static final int EPOCHS = 20;
    private static final int PARALLEL = 3;
    private static final int BEST = 10;
    private static final int WORST = 11;
    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");

    /**
     * @param pruner     the spec's pruner section
     * @param warmUp     no trial is pruned at an epoch below this
     * @param absolute   the pruner ignores the direction (threshold: absolute bounds, as in Optuna)
     */
    static Stream<Arguments> pruners() {
        return Stream.of(
                Arguments.of("median", "{type: median, options: {n_startup_trials: 2, n_warmup_steps: 3, min_reports: 2}}", 3, false),
                Arguments.of("percentile", "{type: percentile, options: {percentile: 25, n_startup_trials: 2, "
                        + "n_warmup_steps: 4, min_reports: 2}}", 4, false),
                Arguments.of("patient", "{type: patient, options: {patience: 2, wrapped: {type: median, options: "
                        + "{n_startup_trials: 2, min_reports: 2}}}}", 3, false),
                Arguments.of("threshold", "{type: threshold, options: {%s: %s, n_warmup_steps: 5}}", 5, true),
                Arguments.of("wilcoxon", "{type: wilcoxon, options: {n_startup_steps: 4}}", 4, false),
                Arguments.of("sha", "{type: sha, options: {min_resource: 2, reduction_factor: 2, min_reports: 1}}", 2, false),
                Arguments.of("hyperband", "{type: hyperband, options: {min_resource: 2, reduction_factor: 2, min_reports: 1}}",
                        2, false));
    }

    /** The pruner section for a direction (the threshold's bound follows the negated values). */
    private static String section(String name, String template, boolean maximize) {
        return name.equals("threshold") ? template.formatted(maximize ? "lower" : "upper", maximize ? -5 : 5) : template;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pruners")
    void neverPrunesBeforeTheWarmUp(String name, String pruner, int warmUp, boolean absolute) {
        for (boolean maximize : new boolean[] {false, true}) {
            Run run = Run.of(section(name, pruner, maximize), maximize, maximize);
            assertThat(run.verdicts).filteredOn(v -> v.epoch() < warmUp).noneMatch(PruneVerdict::prune);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pruners")
    void prunesTheClearlyWorstTrialAndNeverTheBest(String name, String pruner, int warmUp, boolean absolute) {
        for (boolean maximize : new boolean[] {false, true}) {
            Run run = Run.of(section(name, pruner, maximize), maximize, maximize);
            assertThat(run.prunedAt(WORST)).as("%s, maximize=%s: %s", name, maximize, run.reasons(WORST)).isPresent();
            assertThat(run.prunedAt(BEST)).as("%s, maximize=%s: %s", name, maximize, run.reasons(BEST)).isEmpty();
            assertThat(run.verdicts).filteredOn(v -> v.trialNumber() == BEST).hasSize(EPOCHS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pruners")
    void respectsTheDirection(String name, String pruner, int warmUp, boolean absolute) {
        // The minimizing study's values under maximize: trial 11 (about 10, rising) is now the best.
        Run flipped = Run.of(section(name, pruner, false), true, false);
        if (absolute) {
            assertThat(flipped.prunedAt(WORST)).as(flipped.reasons(WORST).toString())
                    .isEqualTo(Run.of(section(name, pruner, false), false, false).prunedAt(WORST));
        } else {
            assertThat(flipped.prunedAt(WORST)).as(flipped.reasons(WORST).toString()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pruners")
    void makesIdenticalDecisionsAfterAReplay(String name, String pruner, int warmUp, boolean absolute) {
        Run original = Run.of(section(name, pruner, false), false, false);
        // A fresh service (a restarted pruner) reads the same events; one restarted half-way rebuilds its state first.
        List<Outcome> replayed = Run.replay(original.spec, original.events, 0);
        List<Outcome> restarted = Run.replay(original.spec, original.events, original.events.size() / 2);

        List<Outcome> expected = Run.outcomes(original.verdicts);
        assertThat(replayed).isEqualTo(expected);
        assertThat(restarted).isEqualTo(expected.subList(expected.size() - restarted.size(), expected.size()));
        assertThat(restarted).isNotEmpty();
    }

    /** A verdict without its event id and timestamp. */
    record Outcome(int trial, int epoch, boolean prune, String reason) {
    }

    /** The scripted study run through a pruning service. */
    private static final class Run {
        final StudySpec spec;
        final List<TrialEvent> events = new ArrayList<>();
        final List<PruneVerdict> verdicts = new ArrayList<>();

        private Run(StudySpec spec) {
            this.spec = spec;
        }

        static StudySpec spec(String pruner, boolean maximize) {
            return StudySpecReader.read("""
                    name: contract
                    direction: %s
                    search_space: [{name: x, type: float, low: 0, high: 1}]
                    pruner: %s
                    objective: {kind: synthetic, max_epochs: %d}
                    budget: {n_trials: %d}
                    """.formatted(maximize ? "maximize" : "minimize", pruner, EPOCHS, TRIALS));
        }

        static double value(int trial, int epoch, boolean negate) {
            double v = trial == WORST ? 10 + 0.01 * epoch : trial == BEST ? 1.0 / epoch : 1 + 0.1 * trial + 1.0 / epoch;
            return negate ? -v : v;
        }

        /** Runs the study: trials start in number order, PARALLEL at a time, and report in turn. */
        static Run of(String pruner, boolean maximize, boolean negate) {
            Run run = new Run(spec(pruner, maximize));
            PruningService service = service(run.spec);
            Map<Integer, Integer> running = new LinkedHashMap<>();
            int next = 0;
            while (next < TRIALS || !running.isEmpty()) {
                while (running.size() < PARALLEL && next < TRIALS) {
                    run.send(service, new TrialStarted(Events.newId(), STUDY, next, NOW, "t", Map.of("x", 0.5)));
                    running.put(next++, 0);
                }
                for (int trial : List.copyOf(running.keySet())) {
                    int epoch = running.get(trial) + 1;
                    double v = value(trial, epoch, negate);
                    PruneVerdict verdict = run.send(service, new EpochReported(Events.newId(), STUDY, trial, NOW, "t", epoch,
                            List.of(v), Map.of("value", v))).orElseThrow();
                    if (verdict.prune()) {
                        run.send(service, new TrialPruned(Events.newId(), STUDY, trial, NOW, "t", epoch, List.of(v)));
                        running.remove(trial);
                    } else if (epoch == EPOCHS) {
                        run.send(service, new TrialCompleted(Events.newId(), STUDY, trial, NOW, "t", List.of(v),
                                Map.of("value", v), EPOCHS));
                        running.remove(trial);
                    } else {
                        running.put(trial, epoch);
                    }
                }
            }
            return run;
        }

        private Optional<PruneVerdict> send(PruningService service, TrialEvent event) {
            events.add(event);
            Optional<PruneVerdict> verdict = service.onTrialEvent(event);
            verdict.ifPresent(verdicts::add);
            return verdict;
        }

        /** The outcomes a fresh service gives to the events from {@code from} on, after reading the earlier ones. */
        static List<Outcome> replay(StudySpec spec, List<TrialEvent> events, int from) {
            PruningService service = service(spec);
            List<PruneVerdict> verdicts = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                Optional<PruneVerdict> v = service.onTrialEvent(events.get(i));
                if (i >= from) {
                    v.ifPresent(verdicts::add);
                }
            }
            return outcomes(verdicts);
        }

        static List<Outcome> outcomes(List<PruneVerdict> verdicts) {
            return verdicts.stream().map(v -> new Outcome(v.trialNumber(), v.epoch(), v.prune(), v.reason())).toList();
        }

        private static PruningService service(StudySpec spec) {
            PruningService service = new PruningService(Clock.fixed(NOW, ZoneOffset.UTC), 10);
            service.onStudyEvent(new StudyAccepted(Events.newId(), STUDY, NOW, spec));
            return service;
        }

        Optional<Integer> prunedAt(int trial) {
            return verdicts.stream().filter(v -> v.trialNumber() == trial && v.prune()).map(PruneVerdict::epoch).findFirst();
        }

        Map<Integer, String> reasons(int trial) {
            Map<Integer, String> reasons = new TreeMap<>();
            verdicts.stream().filter(v -> v.trialNumber() == trial).forEach(v -> reasons.put(v.epoch(), v.reason()));
            return reasons;
        }
    }
}

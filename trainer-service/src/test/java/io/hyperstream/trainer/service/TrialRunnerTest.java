package io.hyperstream.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.PruneVerdict;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialFailed;
import io.hyperstream.model.event.TrialPruned;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.model.spec.ObjectiveSpec;
import io.hyperstream.trainer.objective.Evaluation;
import io.hyperstream.trainer.objective.ObjectiveRegistry;
import io.hyperstream.trainer.objective.SyntheticObjective;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TrialRunnerTest {

    private final ScriptedObjective objective = new ScriptedObjective();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final VerdictBoard verdicts = new VerdictBoard();
    private final TrialRunner runner = new TrialRunner("trainer-t", new ObjectiveRegistry(
            List.of(objective, new SyntheticObjective())), publisher, verdicts, Duration.ofMillis(200));

    @Test
    void aTrialReportsEveryEpochThenCompletesWithItsFinalValues() {
        objective.play(epochs(1.0, 0.5, 0.25));

        Optional<TrialEvent> terminal = runner.run(trial(3, false), new Cancellation());

        assertThat(publisher.types()).containsExactly(
                "TrialStarted", "EpochReported", "EpochReported", "EpochReported", "TrialCompleted");
        TrialStarted started = (TrialStarted) publisher.events.get(0);
        assertThat(started.params()).isEqualTo(Map.of("lr", 0.1));
        assertThat(started.trainerId()).isEqualTo("trainer-t");
        assertThat(publisher.events.subList(1, 4)).extracting(e -> ((EpochReported) e).epoch()).containsExactly(1, 2, 3);
        assertThat(publisher.events.subList(1, 4)).extracting(e -> ((EpochReported) e).value())
                .containsExactly(1.0, 0.5, 0.25);
        TrialCompleted completed = (TrialCompleted) publisher.events.get(4);
        assertThat(completed.values()).containsExactly(0.25);
        assertThat(completed.metrics()).containsEntry("value", 0.25).containsEntry("loss", 2.5);
        assertThat(completed.epochs()).isEqualTo(3);
        assertThat(terminal).contains(completed);
    }

    @Test
    void everyEventOfARetriedTrialCarriesItsAttempt() {
        objective.play(epochs(1.0, 0.5));

        runner.run(trial(3, false), 2, new Cancellation());
        objective.play(epochs(1.0, Double.NaN));
        runner.run(trial(4, false), 3, new Cancellation());

        assertThat(publisher.types()).containsExactly("TrialStarted", "EpochReported", "EpochReported",
                "TrialCompleted", "TrialStarted", "EpochReported", "TrialFailed");
        assertThat(publisher.events.subList(0, 4)).extracting(TrialEvent::attempt).containsOnly(2);
        assertThat(publisher.events.subList(4, 7)).extracting(TrialEvent::attempt).containsOnly(3);
    }

    @Test
    void aNonFiniteValueAtAnEpochFailsTheTrialThere() {
        objective.play(epochs(1.0, 0.5, Double.NaN, 0.1));

        runner.run(trial(4, false), new Cancellation());

        assertThat(publisher.types()).containsExactly("TrialStarted", "EpochReported", "EpochReported", "TrialFailed");
        assertThat(reason()).isEqualTo("objective returned NaN for metric value at epoch 3");
    }

    @Test
    void aNonFiniteFinalValueFailsTheTrial() {
        objective.play(context -> {
            context.reporter().report(1, Evaluation.single("value", 3.0));
            return Evaluation.single("value", Double.POSITIVE_INFINITY);
        });

        runner.run(trial(4, false), new Cancellation());

        assertThat(publisher.types()).containsExactly("TrialStarted", "EpochReported", "TrialFailed");
        assertThat(reason()).isEqualTo("objective returned inf for metric value as its final value");
    }

    @Test
    void anExceptionFailsTheTrialWithItsMessage() {
        objective.play(context -> {
            context.reporter().report(1, Evaluation.single("value", 3.0));
            throw new IllegalStateException("CUDA out of memory");
        });

        runner.run(trial(4, false), new Cancellation());

        assertThat(publisher.types()).containsExactly("TrialStarted", "EpochReported", "TrialFailed");
        assertThat(reason()).isEqualTo("IllegalStateException: CUDA out of memory");
    }

    @Test
    void anUnknownObjectiveKindFailsTheTrialNamingTheKnownKinds() {
        runner.run(trial("dl4j-cnn", Map.of(), 3, false), new Cancellation());

        assertThat(publisher.types()).containsExactly("TrialStarted", "TrialFailed");
        assertThat(reason()).isEqualTo("unknown objective kind 'dl4j-cnn'; this trainer runs: scripted, synthetic");
    }

    @Test
    void badSettingsFailTheTrialWithTheObjectivesMessage() {
        runner.run(trial(SyntheticObjective.KIND, Map.of("function", "nope"), 3, false), new Cancellation());

        assertThat(reason()).startsWith("unknown synthetic function 'nope'");
    }

    @Test
    void aPruneVerdictStopsTheTrialAfterThatEpoch() {
        playPruner(2);
        objective.play(epochs(5.0, 4.0, 3.0, 2.0, 1.0));

        Optional<TrialEvent> terminal = runner.run(trial(5, true), new Cancellation());

        assertThat(publisher.types()).containsExactly("TrialStarted", "EpochReported", "EpochReported", "TrialPruned");
        TrialPruned pruned = (TrialPruned) terminal.orElseThrow();
        assertThat(pruned.epoch()).isEqualTo(2);
        assertThat(pruned.values()).containsExactly(4.0);
        assertThat(verdicts.waitingCount()).isZero();
    }

    @Test
    void anObjectiveThatIgnoresTheStopIsHaltedAndStillPruned() {
        playPruner(1);
        List<Throwable> thrown = new CopyOnWriteArrayList<>();
        objective.play(context -> {
            for (int epoch = 1; epoch <= 4; epoch++) {
                try {
                    context.reporter().report(epoch, Evaluation.single("value", 10.0 - epoch));
                } catch (RuntimeException e) {
                    thrown.add(e);
                }
            }
            return Evaluation.single("value", 6.0);
        });

        runner.run(trial(4, true), new Cancellation());

        assertThat(publisher.types()).containsExactly("TrialStarted", "EpochReported", "TrialPruned");
        assertThat(thrown).hasSize(3).allSatisfy(e -> assertThat(e).hasMessageContaining("pruned after epoch 1"));
    }

    @Test
    void withoutAVerdictInTimeTheTrialTrainsOn() {
        objective.play(epochs(3.0, 2.0));

        runner.run(trial(2, true), new Cancellation());

        assertThat(publisher.types()).containsExactly("TrialStarted", "EpochReported", "EpochReported", "TrialCompleted");
        assertThat(verdicts.waitingCount()).isZero();
    }

    @Test
    void verdictsOfOtherTrialsAreIgnored() {
        publisher.onPublish(event -> {
            if (event instanceof EpochReported e) {
                assertThat(verdicts.offer(verdict(e.studyId(), e.trialNumber() + 1, e.epoch(), true))).isFalse();
                assertThat(verdicts.offer(verdict("other-study", e.trialNumber(), e.epoch(), true))).isFalse();
                assertThat(verdicts.offer(verdict(e.studyId(), e.trialNumber(), e.epoch() + 1, true))).isFalse();
            }
        });
        objective.play(epochs(3.0, 2.0));

        runner.run(trial(2, true), new Cancellation());

        assertThat(publisher.types()).last().isEqualTo("TrialCompleted");
    }

    @Test
    void withoutPruningNoVerdictIsAwaited() {
        publisher.onPublish(event -> assertThat(verdicts.waitingCount()).isZero());
        objective.play(epochs(3.0, 2.0));

        runner.run(trial(2, false), new Cancellation());

        assertThat(publisher.types()).last().isEqualTo("TrialCompleted");
    }

    @Test
    void aCancelledTrialPublishesNothingMore() {
        Cancellation cancellation = new Cancellation();
        objective.play(context -> {
            context.reporter().report(1, Evaluation.single("value", 3.0));
            cancellation.cancel();
            context.reporter().report(2, Evaluation.single("value", 2.0));
            return Evaluation.single("value", 2.0);
        });

        Optional<TrialEvent> terminal = runner.run(trial(3, false), cancellation);

        assertThat(terminal).isEmpty();
        assertThat(publisher.types()).containsExactly("TrialStarted", "EpochReported");
    }

    @Test
    void invalidReportsFailTheTrialEvenIfTheObjectiveSwallowsTheError() {
        objective.play(context -> {
            context.reporter().report(1, Evaluation.single("value", 3.0));
            try {
                context.reporter().report(1, Evaluation.single("value", 2.0));
            } catch (IllegalArgumentException swallowed) {
                // A careless training loop.
            }
            return Evaluation.single("value", 2.0);
        });

        runner.run(trial(3, false), new Cancellation());

        assertThat(publisher.types()).containsExactly("TrialStarted", "EpochReported", "TrialFailed");
        assertThat(reason()).isEqualTo("objective reported epoch 1 after epoch 1: epochs count from 1 and increase");
    }

    @Test
    void reportsBeyondMaxEpochsOrWithTheWrongNumberOfValuesFail() {
        objective.play(context -> {
            context.reporter().report(4, Evaluation.single("value", 3.0));
            return null;
        });
        runner.run(trial(3, false), new Cancellation());
        assertThat(reason()).isEqualTo("objective reported epoch 4 but max_epochs is 3");

        publisher.events.clear();
        objective.play(context -> {
            context.reporter().report(1, List.of(1.0, 2.0), Map.of());
            return null;
        });
        runner.run(trial(3, false), new Cancellation());
        assertThat(reason()).isEqualTo("objective returned 2 value(s) at epoch 1 for 1 metric(s) [value]");
    }

    @Test
    void anObjectiveThatDoesNotMeasureTheStudysMetricFails() {
        objective.play(context -> context.select(Map.of("loss", 0.3, "accuracy", 0.9)));

        runner.run(trial(3, false), new Cancellation());

        assertThat(reason()).isEqualTo(
                "the objective did not measure metric 'value' that the study optimizes; it measured [accuracy, loss]");
    }

    @Test
    void aFailedPublishIsThrownSoThatTheTrialRunsAgain() {
        publisher.refuse(TrialCompleted.class);
        objective.play(epochs(1.0));

        assertThatThrownBy(() -> runner.run(trial(1, false), new Cancellation()))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("TrialCompleted");
    }

    @Test
    void theSyntheticObjectiveRunsThroughTheRunner() {
        runner.run(trial(SyntheticObjective.KIND, Map.of("function", "rosenbrock"), 4, false,
                Map.of("x0", 1.0, "x1", 1.0)), new Cancellation());

        TrialCompleted completed = (TrialCompleted) publisher.events.get(publisher.events.size() - 1);
        assertThat(completed.value()).isEqualTo(0.0);
        assertThat(completed.epochs()).isEqualTo(4);
        assertThat(publisher.events.subList(1, 5)).extracting(e -> ((EpochReported) e).value())
                .containsExactly(0.75, 0.5, 0.25, 0.0);
    }

    /** Answers each epoch report at once (before the trainer even starts waiting), pruning at {@code pruneAt}. */
    private void playPruner(int pruneAt) {
        publisher.onPublish(event -> {
            if (event instanceof EpochReported e) {
                verdicts.offer(verdict(e.studyId(), e.trialNumber(), e.epoch(), e.epoch() == pruneAt));
            }
        });
    }

    private static ScriptedObjective.Script epochs(double... values) {
        return context -> {
            Evaluation last = null;
            for (int i = 0; i < values.length; i++) {
                last = context.select(Map.of("value", values[i], "loss", values[i] * 10));
                if (context.reporter().report(i + 1, last)) {
                    break;
                }
            }
            return last;
        };
    }

    private String reason() {
        return ((TrialFailed) publisher.events.get(publisher.events.size() - 1)).reason();
    }

    private static PruneVerdict verdict(String studyId, int trialNumber, int epoch, boolean prune) {
        return new PruneVerdict(Events.newId(), studyId, trialNumber, Events.now(), epoch, prune, "scripted");
    }

    private static TrialScheduled trial(int maxEpochs, boolean pruning) {
        return trial(ScriptedObjective.KIND, Map.of(), maxEpochs, pruning);
    }

    private static TrialScheduled trial(String kind, Map<String, Object> settings, int maxEpochs, boolean pruning) {
        return trial(kind, settings, maxEpochs, pruning, Map.of("lr", 0.1));
    }

    private static TrialScheduled trial(String kind, Map<String, Object> settings, int maxEpochs, boolean pruning,
                                        Map<String, Object> params) {
        return new TrialScheduled(Events.newId(), "study-1", 7, Events.now(), params,
                new ObjectiveSpec(kind, settings, List.of("value"), maxEpochs), pruning, 11);
    }

}

package io.hyperstream.trainer.messaging;

import static io.hyperstream.trainer.messaging.TrainerTestClient.TOPICS;
import static io.hyperstream.trainer.messaging.TrainerTestClient.WAIT;
import static io.hyperstream.trainer.messaging.TrainerTestClient.trial;
import static io.hyperstream.trainer.messaging.TrainerTestClient.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hyperstream.model.Json;
import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialFailed;
import io.hyperstream.model.event.TrialPruned;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.spec.ObjectiveSpec;
import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.hyperstream.model.function.SyntheticFunction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The trainer on a real broker: trials in, trial events and dead letters out, verdicts honoured. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class TrainerServiceTest {

    private TrainerTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = new TrainerTestClient();
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aTrialReportsEveryEpochAndCompletesWithTheFunctionValue() throws Exception {
        String studyId = uniqueId("branin");
        Map<String, Object> params = Map.of("x0", 2.0, "x1", 7.5);

        RecordMetadata scheduled = kafka.schedule(trial(studyId, 0, Map.of("function", "branin"), params, 5, false));

        List<TrialEvent> events = kafka.awaitTerminal(studyId, 0);
        assertThat(events).extracting(TrialEvent::type).containsExactly("TrialStarted",
                "EpochReported", "EpochReported", "EpochReported", "EpochReported", "EpochReported", "TrialCompleted");
        assertThat(events).allSatisfy(e -> assertThat(e.trainerId()).isEqualTo("test-trainer"));
        assertThat(((TrialStarted) events.get(0)).params()).isEqualTo(params);
        List<EpochReported> epochs = events.subList(1, 6).stream().map(EpochReported.class::cast).toList();
        assertThat(epochs).extracting(EpochReported::epoch).containsExactly(1, 2, 3, 4, 5);
        for (int i = 1; i < epochs.size(); i++) {
            assertThat(epochs.get(i).value()).isLessThan(epochs.get(i - 1).value());
        }
        TrialCompleted completed = (TrialCompleted) events.get(6);
        double branin = SyntheticFunction.BRANIN.evaluate(2.0, 7.5);
        assertThat(completed.values()).containsExactly(branin);
        assertThat(completed.metrics()).containsExactly(Map.entry("value", branin));
        assertThat(completed.epochs()).isEqualTo(5);
        assertThat(epochs.get(4).value()).isEqualTo(branin);
        assertThat(kafka.records(studyId)).extracting(ConsumerRecord::key).containsOnly(studyId);
        assertThat(events).extracting(TrialEvent::attempt).containsOnly(1);
        // The trial's record is acknowledged once its end is stored.
        await().atMost(WAIT).until(() -> kafka.acknowledged(scheduled));
    }

    @Test
    void aPruneVerdictStopsTheTrialAfterThatEpoch() throws Exception {
        String studyId = uniqueId("pruned");

        kafka.schedule(trial(studyId, 3, Map.of("function", "branin"), Map.of("x0", -1.0, "x1", 4.0), 5, true));

        // The test plays the pruner: go on after epoch 1, stop after epoch 2.
        await().atMost(WAIT).until(() -> epochsReported(studyId) >= 1);
        kafka.verdict(studyId, 3, 1, false);
        await().atMost(WAIT).until(() -> epochsReported(studyId) >= 2);
        kafka.verdict(studyId, 3, 2, true);

        List<TrialEvent> events = kafka.awaitTerminal(studyId, 3);
        TrialPruned pruned = (TrialPruned) events.get(events.size() - 1);
        assertThat(pruned.epoch()).isEqualTo(2);
        assertThat(pruned.values()).containsExactly(((EpochReported) events.get(2)).value());
        // Nothing follows the terminal event.
        TimeUnit.MILLISECONDS.sleep(500);
        assertThat(kafka.events(studyId)).extracting(TrialEvent::type)
                .containsExactly("TrialStarted", "EpochReported", "EpochReported", "TrialPruned");
    }

    @Test
    void anMlpClassifierTrialTrainsAndCompletesWithTheConfusionMatrix() throws Exception {
        String studyId = uniqueId("mlp");
        Map<String, Object> params = Map.of("n_layers", 1, "n_units_l0", 8, "lr", 0.01, "optimizer", "adam",
                "batch_size", 16, "class_weight", "balanced");

        kafka.schedule(new TrialScheduled(Events.newId(), studyId, 0, Events.now(), params,
                new ObjectiveSpec("mlp-classifier", Map.of("dataset", "blobs.csv", "target", "kind"),
                        List.of("balanced_accuracy"), 3), false, 5));

        List<TrialEvent> events = kafka.awaitTerminal(studyId, 0);
        assertThat(events).extracting(TrialEvent::type).containsExactly("TrialStarted", "EpochReported",
                "EpochReported", "EpochReported", "TrialCompleted");
        EpochReported last = (EpochReported) events.get(3);
        assertThat(last.metrics()).containsKeys("train_loss", "valid_loss", "accuracy", "macro_f1", "recall_a",
                "recall_b", "recall_c");
        assertThat(last.values()).containsExactly(last.metrics().get("balanced_accuracy"));
        TrialCompleted completed = (TrialCompleted) events.get(4);
        assertThat(completed.epochs()).isEqualTo(3);
        assertThat(completed.values()).containsExactly(last.value());
        // 180 rows, 120 of class a; a 20% validation split holds 24 + 8 + 4 rows.
        assertThat(completed.metrics()).containsEntry("null_accuracy", 120.0 / 180);
        assertThat(completed.metrics().entrySet().stream().filter(e -> e.getKey().startsWith("confusion_"))
                .mapToDouble(Map.Entry::getValue).sum()).isEqualTo(36.0);
    }

    @Test
    void anMlpClassifierTrialWithABadParameterFailsWithTheReason() throws Exception {
        String studyId = uniqueId("mlp-bad");

        kafka.schedule(new TrialScheduled(Events.newId(), studyId, 0, Events.now(),
                Map.of("n_layers", 1, "n_units_l0", 8, "optimizer", "lbfgs"),
                new ObjectiveSpec("mlp-classifier", Map.of("dataset", "blobs.csv", "target", "kind"),
                        List.of("balanced_accuracy"), 3), false, 5));

        List<TrialEvent> events = kafka.awaitTerminal(studyId, 0);
        assertThat(events).extracting(TrialEvent::type).containsExactly("TrialStarted", "TrialFailed");
        assertThat(((TrialFailed) events.get(1)).reason()).isEqualTo("parameter optimizer must be one of [sgd, momentum, "
                + "nesterov, adam, adamw, rmsprop, adagrad], but got 'lbfgs'");
    }

    @Test
    void aTrialWithAnUnknownFunctionFailsWithTheReason() throws Exception {
        String studyId = uniqueId("unknown-function");

        kafka.schedule(trial(studyId, 0, Map.of("function", "himmelblau"), Map.of("x0", 1.0, "x1", 1.0), 5, false));

        List<TrialEvent> events = kafka.awaitTerminal(studyId, 0);
        assertThat(events).extracting(TrialEvent::type).containsExactly("TrialStarted", "TrialFailed");
        assertThat(((TrialFailed) events.get(1)).reason())
                .startsWith("unknown synthetic function 'himmelblau'; known functions: [branin, ")
                .contains("hartmann6", "rosenbrock", "ackley");
    }

    @Test
    void malformedRecordsAreDeadLetteredAndTheQueueGoesOn() throws Exception {
        String studyId = uniqueId("malformed");
        String key = studyId + "/0";
        String notJson = "{not json " + studyId;
        // Readable JSON naming its trial, but with no objective: the trial fails as well.
        String noObjective = "{\"type\":\"TrialScheduled\",\"eventId\":\"e-" + studyId + "\",\"studyId\":\"" + studyId
                + "\",\"trialNumber\":1,\"timestamp\":\"2026-11-28T12:00:00Z\",\"params\":{\"x0\":1.0},"
                + "\"pruning\":false,\"seed\":1}";

        // The valid trial is queued behind the malformed records.
        RecordMetadata first = kafka.send(null, key, notJson);
        kafka.send(null, key, noObjective);
        RecordMetadata valid = kafka.send(null, key, Json.write(
                trial(studyId, 2, Map.of("function", "rosenbrock"), Map.of("x0", 1.0, "x1", 1.0), 2, false)));
        assertThat(valid.partition()).isEqualTo(first.partition());

        List<TrialEvent> events = kafka.awaitTerminal(studyId, 2);
        assertThat(events).extracting(TrialEvent::type).containsExactly("TrialStarted", "EpochReported",
                "EpochReported", "TrialCompleted");
        assertThat(((TrialCompleted) events.get(3)).value()).isEqualTo(0.0);

        await().atMost(WAIT).until(() -> kafka.deadLetters(studyId).size() >= 2);
        List<DeadLetter> letters = kafka.deadLetters(studyId);
        assertThat(letters).hasSize(2);
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.service()).isEqualTo("trainer-service");
            assertThat(letter.sourceTopic()).isEqualTo(TOPICS.trials());
            assertThat(letter.partition()).isEqualTo(first.partition());
            assertThat(letter.error()).isNotBlank();
        });
        assertThat(letters.get(0).payload()).isEqualTo(notJson);
        assertThat(letters.get(0).offset()).isEqualTo(first.offset());
        assertThat(letters.get(0).studyId()).isNull();
        assertThat(letters.get(0).error()).contains("Unexpected character");
        assertThat(letters.get(1).payload()).isEqualTo(noObjective);
        assertThat(letters.get(1).offset()).isEqualTo(first.offset() + 1);
        assertThat(letters.get(1).studyId()).isEqualTo(studyId);
        assertThat(letters.get(1).error()).isEqualTo("objective is required");

        List<TrialEvent> failed = kafka.awaitTerminal(studyId, 1);
        assertThat(failed).extracting(TrialEvent::type).containsExactly("TrialFailed");
        assertThat(((TrialFailed) failed.get(0)).reason()).isEqualTo("malformed trial message: objective is required");
    }

    @Test
    void theStatusNamesTheTrainerAndItsGroup() {
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/trainer").then()
                .statusCode(200)
                .body("trainerId", equalTo("test-trainer"))
                .body("group", equalTo("hpo-trainers"))
                .body("running", equalTo(false)));
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.find { it.name == 'trainer' }.status", equalTo("UP"));
    }

    private long epochsReported(String studyId) {
        return kafka.events(studyId).stream().filter(EpochReported.class::isInstance).count();
    }
}

package io.hyperstream.trainer.messaging;

import static io.hyperstream.trainer.messaging.TrainerTestClient.WAIT;
import static io.hyperstream.trainer.messaging.TrainerTestClient.trial;
import static io.hyperstream.trainer.messaging.TrainerTestClient.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialFailed;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.spec.ObjectiveSpec;
import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.hyperstream.testsupport.LogCapture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an operator sees of a trainer: metrics, readiness and the logging context of a trial's lines. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class OperationsTest {

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
    void metricsCountEpochsAndTrialsByStateWithoutAStudyLabel() throws Exception {
        String studyId = uniqueId("metrics");
        double epochsBefore = value(metrics(), "hyperstream_trainer_epochs_total");
        double failedBefore = value(metrics(), "hyperstream_trainer_trials_finished_total{state=\"FAIL\"}");

        kafka.schedule(trial(studyId, 0, Map.of("function", "branin"), Map.of("x0", 1.0, "x1", 2.0), 4, false));
        kafka.awaitTerminal(studyId, 0);
        kafka.schedule(new TrialScheduled(Events.newId(), studyId, 1, Events.now(), Map.of("x0", 1.0),
                new ObjectiveSpec("java.lang.Runtime", Map.of(), List.of("value"), 3), false, 17));
        List<TrialEvent> unknown = kafka.awaitTerminal(studyId, 1);

        assertThat(((TrialFailed) unknown.get(unknown.size() - 1)).reason())
                .startsWith("unknown objective kind 'java.lang.Runtime'; this trainer runs: ");
        String metrics = await().atMost(WAIT).until(this::metrics, m ->
                value(m, "hyperstream_trainer_trials_finished_total{state=\"FAIL\"}") >= Math.max(0, failedBefore) + 1);
        assertThat(value(metrics, "hyperstream_trainer_epochs_total")).isGreaterThanOrEqualTo(Math.max(0, epochsBefore) + 4);
        assertThat(value(metrics, "hyperstream_trainer_trials_finished_total{state=\"COMPLETE\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "hyperstream_trainer_epoch_seconds_count")).isGreaterThanOrEqualTo(4);
        assertThat(value(metrics, "hyperstream_trainer_trials_running")).isIn(0.0, 1.0);
        assertThat(metrics).contains("kafka_consumer_fetch_manager_records_lag_max{");
        assertThat(metrics).doesNotContain(studyId).doesNotContain("studyId").doesNotContain("trialNumber");
    }

    @Test
    void theQueueDepthCountsTrialsWaitingOrRunningAndFallsToZeroWhenTheyHaveEnded() throws Exception {
        String studyId = uniqueId("depth");
        // Nothing of earlier tests is left in the queue.
        await().atMost(WAIT).until(() -> value(metrics(), "hyperstream_trainer_queue_depth") == 0);

        // Four trials for the one trainer: three wait while it runs the first; the last runs about 3 s.
        for (int n = 0; n < 4; n++) {
            kafka.schedule(trial(studyId, n, Map.of("function", "branin", "epoch_delay_ms", 300),
                    Map.of("x0", 1.0, "x1", 2.0), n == 3 ? 10 : 4, false));
        }
        double peak = await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> value(metrics(), "hyperstream_trainer_queue_depth"), depth -> depth >= 3);
        assertThat(peak).isLessThanOrEqualTo(4);
        kafka.awaitTerminal(studyId, 2);
        // The running trial counts until it has ended.
        double[] seen = new double[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            seen[0] = value(metrics(), "hyperstream_trainer_queue_depth");
            return seen[0] == 1 || kafka.events(studyId, 3).stream().anyMatch(TrialEvent::isTerminal);
        });
        assertThat(seen[0]).as("the depth while the last trial runs").isEqualTo(1);
        kafka.awaitTerminal(studyId, 3);
        // Each trial's record is acknowledged once its last event is stored: the depth falls back to 0.
        await().atMost(WAIT).until(() -> value(metrics(), "hyperstream_trainer_queue_depth") == 0);
    }

    @Test
    void theLinesOfATrialCarryItsStudyAndNumber() throws Exception {
        String studyId = uniqueId("logs");
        try (LogCapture log = LogCapture.of("io.hyperstream")) {
            kafka.schedule(trial(studyId, 2, Map.of("function", "branin"), Map.of("x0", 1.0, "x1", 2.0), 3, false));
            kafka.awaitTerminal(studyId, 2);
            await().atMost(WAIT).until(() -> log.lines().stream()
                    .anyMatch(l -> l.message().startsWith("study " + studyId + " trial 2: completed")));

            List<LogCapture.Line> aboutTrial = log.lines().stream()
                    .filter(l -> l.message().startsWith("study " + studyId + " trial 2")).toList();
            assertThat(aboutTrial).hasSizeGreaterThanOrEqualTo(3).allSatisfy(l -> {
                assertThat(l.studyId()).isEqualTo(studyId);
                assertThat(l.trialNumber()).isEqualTo("2");
            });
        }
    }

    @Test
    void readinessReportsTheBroker() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'kafka-broker' }.status", equalTo("UP"));
    }

    private String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one sample in Prometheus text, or -1 if it is not there. */
    private static double value(String metrics, String sample) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        return -1;
    }
}

package io.hyperstream.pruner.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.kafka.JsonSerializer;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.spec.StudySpecReader;
import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.hyperstream.testsupport.LogCapture;
import io.hyperstream.testsupport.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an operator sees of the pruner: verdict metrics, readiness and the logging context of its lines. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class OperationsTest {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private KafkaProducer<String, Object> producer;

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.shared().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new JsonSerializer());
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void metricsCountVerdictsByDecisionWithLatencyAndNoStudyLabel() throws Exception {
        String study = "metrics-" + UUID.randomUUID();
        double prunedBefore = value(metrics(), "hyperstream_pruner_verdicts_total{decision=\"prune\"}");
        double keptBefore = value(metrics(), "hyperstream_pruner_verdicts_total{decision=\"continue\"}");
        accept(study);
        for (int trial = 0; trial < 2; trial++) {
            report(study, trial, 1, 5 + trial);
            send(TOPICS.trialEvents(), study, new TrialCompleted(Events.newId(), study, trial, Events.now(),
                    "trainer-a", List.of(5.0 + trial), Map.of("value", 5.0 + trial), 1));
        }
        report(study, 2, 1, 50);

        String metrics = await().atMost(WAIT).until(this::metrics,
                m -> value(m, "hyperstream_pruner_verdicts_total{decision=\"prune\"}") >= prunedBefore + 1
                        && value(m, "hyperstream_pruner_verdicts_total{decision=\"continue\"}") >= keptBefore + 2);

        assertThat(value(metrics, "hyperstream_pruner_verdict_latency_seconds{quantile=\"0.5\"}")).isGreaterThanOrEqualTo(0);
        assertThat(value(metrics, "hyperstream_pruner_verdict_latency_seconds{quantile=\"0.99\"}")).isGreaterThanOrEqualTo(0);
        assertThat(value(metrics, "hyperstream_pruner_studies_tracked")).isGreaterThanOrEqualTo(1);
        assertThat(metrics).contains("kafka_consumer_fetch_manager_records_lag_max{");
        assertThat(metrics).doesNotContain(study).doesNotContain("studyId").doesNotContain("trialNumber");
    }

    @Test
    void theLinesAboutATrialCarryItsStudyAndNumber() throws Exception {
        String study = "logs-" + UUID.randomUUID();
        try (LogCapture log = LogCapture.of("io.hyperstream")) {
            accept(study);
            for (int trial = 0; trial < 2; trial++) {
                report(study, trial, 1, 5 + trial);
                send(TOPICS.trialEvents(), study, new TrialCompleted(Events.newId(), study, trial, Events.now(),
                        "trainer-a", List.of(5.0 + trial), Map.of("value", 5.0 + trial), 1));
            }
            report(study, 2, 1, 50);
            await().atMost(WAIT).until(() -> log.lines().stream()
                    .anyMatch(l -> l.message().startsWith("study " + study + " trial 2: pruned at epoch 1")));

            assertThat(log.lines()).filteredOn(l -> l.message().startsWith("study " + study + " trial 2"))
                    .isNotEmpty().allSatisfy(l -> {
                        assertThat(l.studyId()).isEqualTo(study);
                        assertThat(l.trialNumber()).isEqualTo("2");
                    });
            assertThat(log.lines()).filteredOn(l -> l.message().startsWith("study " + study + ": pruning with"))
                    .singleElement().satisfies(l -> assertThat(l.studyId()).isEqualTo(study));
        }
    }

    @Test
    void readinessReportsTheBroker() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'kafka-broker' }.status", equalTo("UP"));
    }

    private void accept(String study) throws Exception {
        send(TOPICS.studyEvents(), study, new StudyAccepted(Events.newId(), study, Events.now(), StudySpecReader.read("""
                name: p
                search_space: [{name: x, type: float, low: 0, high: 1}]
                pruner: {type: median, options: {n_startup_trials: 2, n_warmup_steps: 0, min_reports: 2}}
                objective: {kind: synthetic, max_epochs: 3}
                budget: {n_trials: 10}
                """)));
        await().atMost(WAIT).until(() -> given().get("/api/pruner").then().extract().asString().contains(study));
    }

    private void report(String study, int trial, int epoch, double value) throws Exception {
        send(TOPICS.trialEvents(), study, new EpochReported(Events.newId(), study, trial, Events.now(), "trainer-a",
                epoch, List.of(value), Map.of("value", value)));
    }

    private void send(String topic, String key, Object event) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, event)).get();
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

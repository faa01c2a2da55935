package io.hyperstream.results.ops;

import static io.hyperstream.results.TopicWriter.TOPICS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hyperstream.results.TestStudy;
import io.hyperstream.results.TopicWriter;
import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.hyperstream.testsupport.LogCapture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an operator sees of results-service: ingestion and store metrics, readiness, the logging context. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class OperationsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private TopicWriter topics;

    @BeforeEach
    void connect() {
        topics = new TopicWriter();
    }

    @AfterEach
    void disconnect() {
        topics.close();
    }

    @Test
    void metricsCountStoredEventsByTypeAndTimeTheStoreWithoutAStudyLabel() {
        TestStudy study = TestStudy.of("metrics", "minimize");
        double completedBefore = value(metrics(), "hyperstream_results_events_ingested_total{type=\"TrialCompleted\"}");

        publishOneTrial(study, 5);

        String metrics = await().atMost(WAIT).until(this::metrics, m ->
                value(m, "hyperstream_results_events_ingested_total{type=\"TrialCompleted\"}") >= Math.max(0, completedBefore) + 1);
        assertThat(value(metrics, "hyperstream_results_events_ingested_total{type=\"StudyAccepted\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "hyperstream_results_events_ingested_total{type=\"EpochReported\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "hyperstream_results_store_write_seconds_count{outcome=\"stored\"}")).isGreaterThanOrEqualTo(4);
        assertThat(value(metrics, "hyperstream_results_store_retries_total")).isGreaterThanOrEqualTo(0);
        assertThat(metrics).contains("kafka_consumer_fetch_manager_records_lag_max{");
        // No label names a study or a trial (URI templates such as /api/studies/{studyId} are fine).
        assertThat(metrics).doesNotContain(study.id).doesNotContain("studyId=").doesNotContain("trialNumber=");
    }

    @Test
    void readinessReportsTheBrokerAndTheStore() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'kafka-broker' }.status", equalTo("UP"))
                .body("checks.find { it.name.contains('MongoDB') }.status", equalTo("UP"));
    }

    @Test
    void theLinesAboutATrialCarryItsStudyAndNumber() {
        TestStudy study = TestStudy.of("logs", "minimize");
        try (LogCapture log = LogCapture.of("io.hyperstream")) {
            publishOneTrial(study, 1);
            await().atMost(WAIT).until(() -> log.lines().stream()
                    .anyMatch(l -> l.message().startsWith("study " + study.id + " trial 0: TrialCompleted")));

            assertThat(log.lines()).filteredOn(l -> l.message().startsWith("study " + study.id + " trial 0"))
                    .isNotEmpty().allSatisfy(l -> {
                        assertThat(l.studyId()).isEqualTo(study.id);
                        assertThat(l.trialNumber()).isEqualTo("0");
                    });
            assertThat(log.lines()).filteredOn(l -> l.message().startsWith("study " + study.id + ": StudyAccepted"))
                    .singleElement().satisfies(l -> {
                        assertThat(l.studyId()).isEqualTo(study.id);
                        assertThat(l.trialNumber()).isNull();
                    });
        }
    }

    private void publishOneTrial(TestStudy study, double value) {
        topics.send(TOPICS.studyEvents(), study.id, study.accepted());
        topics.send(TOPICS.trials(), study.trialKey(0), study.scheduled(0));
        topics.send(TOPICS.trialEvents(), study.id, study.started(0, "trainer-a"));
        topics.send(TOPICS.trialEvents(), study.id, study.epoch(0, "trainer-a", 1, value));
        topics.send(TOPICS.trialEvents(), study.id, study.trialCompleted(0, "trainer-a", 1, value));
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

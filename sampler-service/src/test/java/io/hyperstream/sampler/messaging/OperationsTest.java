package io.hyperstream.sampler.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperstream.model.Json;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.sampler.TestSpecs;
import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.hyperstream.testsupport.LogCapture;
import io.hyperstream.testsupport.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an operator sees: metrics, readiness, log context, and the limits on what a submission may ask. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class OperationsTest {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private KafkaProducer<String, String> producer;
    private TopicTail studyEvents;
    private TopicTail trials;

    @BeforeEach
    void connect() {
        String bootstrap = TestInfrastructure.shared().bootstrapServers();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer());
        studyEvents = new TopicTail(bootstrap, TOPICS.studyEvents());
        trials = new TopicTail(bootstrap, TOPICS.trials());
    }

    @AfterEach
    void disconnect() {
        producer.close();
        studyEvents.close();
        trials.close();
    }

    @Test
    void metricsCountTheTrialsOfAStudyBySamplerWithoutAStudyLabel() throws Exception {
        String studyId = uniqueId("metrics");
        ObjectNode spec = TestSpecs.specJson(5L, 3, 1);
        ((ObjectNode) spec.get("sampler")).put("type", "qmc");
        send(TOPICS.studyCommands(), studyId, submitted(studyId, spec));
        await().atMost(WAIT).until(() -> trials.study(studyId).size() == 1);
        send(TOPICS.trialEvents(), studyId, Json.write(new TrialCompleted(Events.newId(), studyId, 0, Events.now(),
                "trainer-test", List.of(3.0), Map.of(), 10)));
        await().atMost(WAIT).until(() -> trials.study(studyId).size() == 2);

        String metrics = await().atMost(WAIT).until(this::metrics,
                m -> value(m, "hyperstream_sampler_trials_scheduled_total{sampler=\"qmc\"}") >= 2);

        assertThat(value(metrics, "hyperstream_sampler_studies_accepted_total{sampler=\"qmc\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "hyperstream_sampler_configuration_seconds_count{sampler=\"qmc\"}")).isGreaterThanOrEqualTo(2);
        assertThat(metrics).contains("hyperstream_sampler_configuration_seconds_bucket{sampler=\"qmc\",le=");
        assertThat(value(metrics, "hyperstream_sampler_studies_active")).isGreaterThanOrEqualTo(1);
        assertThat(metrics).contains("kafka_consumer_fetch_manager_records_lag_max{");
        assertThat(metrics).doesNotContain(studyId).doesNotContain("studyId").doesNotContain("trialNumber");
    }

    @Test
    void anOversizedSubmissionIsRejectedWithItsSizeAndTheLimit() throws Exception {
        String studyId = uniqueId("oversized");
        ObjectNode spec = TestSpecs.specJson(1L, 3, 1);
        ((ObjectNode) spec.get("objective").get("settings")).put("notes", "x".repeat(300_000));
        String command = submitted(studyId, spec);

        send(TOPICS.studyCommands(), studyId, command);

        JsonNode rejected = awaitAnswer(studyId);
        assertThat(rejected.path("type").asText()).isEqualTo("StudyRejected");
        assertThat(rejected.path("reason").asText()).isEqualTo("StudySubmitted is " + command.length()
                + " bytes; at most 262144 are allowed (hyperstream.sampler.max-spec-bytes)");
        assertThat(trials.study(studyId)).isEmpty();
        await().atMost(WAIT).until(() -> value(metrics(), "hyperstream_sampler_studies_rejected_total{reason=\"too_large\"}") >= 1);
    }

    @Test
    void aSpecOverASizeLimitIsRejectedNamingTheFieldAndTheLimit() throws Exception {
        String studyId = uniqueId("too-many-params");
        ObjectNode spec = TestSpecs.specJson(1L, 3, 1);
        ArrayNode space = Json.mapper().createArrayNode();
        for (int i = 0; i < 1001; i++) {
            space.addObject().put("name", "p" + i).put("type", "int").put("low", 0).put("high", 1);
        }
        spec.set("search_space", space);

        send(TOPICS.studyCommands(), studyId, submitted(studyId, spec));

        assertThat(awaitAnswer(studyId).path("reason").asText())
                .isEqualTo("search_space holds 1001 parameters; at most 1000 are allowed");
    }

    @Test
    void onlyRegisteredTrainerKindsAndPrunersAreAccepted() throws Exception {
        String unknownKind = uniqueId("unknown-kind");
        ObjectNode kindSpec = TestSpecs.specJson(1L, 3, 1);
        ((ObjectNode) kindSpec.get("objective")).put("kind", "java.lang.Runtime");
        String unknownPruner = uniqueId("unknown-pruner");
        ObjectNode prunerSpec = TestSpecs.specJson(1L, 3, 1);
        ((ObjectNode) prunerSpec.get("pruner")).put("type", "com.example.EvilPruner");

        send(TOPICS.studyCommands(), unknownKind, submitted(unknownKind, kindSpec));
        send(TOPICS.studyCommands(), unknownPruner, submitted(unknownPruner, prunerSpec));

        assertThat(awaitAnswer(unknownKind).path("reason").asText())
                .startsWith("objective.kind 'java.lang.Runtime' is unknown; known trainer kinds: [synthetic");
        assertThat(awaitAnswer(unknownPruner).path("reason").asText())
                .startsWith("pruner.type 'com.example.EvilPruner' is unknown; known pruners: [none");
        assertThat(trials.study(unknownKind)).isEmpty();
        assertThat(trials.study(unknownPruner)).isEmpty();
    }

    @Test
    void linesAboutAStudyOrTrialCarryItsIdsInTheLoggingContext() throws Exception {
        String studyId = uniqueId("logs");
        try (LogCapture log = LogCapture.of("io.hyperstream")) {
            send(TOPICS.studyCommands(), studyId, submitted(studyId, TestSpecs.specJson(2L, 2, 1)));
            await().atMost(WAIT).until(() -> trials.study(studyId).size() == 1);
            send(TOPICS.trialEvents(), studyId, Json.write(new TrialCompleted(Events.newId(), studyId, 0,
                    Events.now(), "trainer-test", List.of(3.0), Map.of(), 10)));
            await().atMost(WAIT).until(() -> log.lines().stream()
                    .anyMatch(l -> l.message().startsWith("study " + studyId + " trial 0 finished")));

            List<LogCapture.Line> aboutStudy = log.lines().stream().filter(l -> l.message().contains(studyId)).toList();
            assertThat(aboutStudy).hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(l -> assertThat(l.studyId()).isEqualTo(studyId));
            assertThat(aboutStudy).filteredOn(l -> l.message().startsWith("study " + studyId + " accepted"))
                    .singleElement().satisfies(l -> assertThat(l.trialNumber()).isNull());
            assertThat(aboutStudy).filteredOn(l -> l.message().startsWith("study " + studyId + " trial 0 finished"))
                    .singleElement().satisfies(l -> assertThat(l.trialNumber()).isEqualTo("0"));
        }
    }

    @Test
    void readinessReportsTheBroker() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'kafka-broker' }.status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.find { it.name == 'kafka-broker' }.data.cluster",
                        org.hamcrest.Matchers.containsString(TestInfrastructure.shared().bootstrapServers()));
    }

    private JsonNode awaitAnswer(String studyId) {
        await().atMost(WAIT).until(() -> !studyEvents.study(studyId).isEmpty());
        return studyEvents.study(studyId).get(0);
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

    private void send(String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
    }

    private static String submitted(String studyId, ObjectNode spec) {
        ObjectNode command = Json.mapper().createObjectNode();
        command.put("type", "StudySubmitted").put("eventId", Events.newId()).put("studyId", studyId)
                .put("timestamp", Events.now().toString());
        command.set("spec", spec);
        return command.toString();
    }

    private static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

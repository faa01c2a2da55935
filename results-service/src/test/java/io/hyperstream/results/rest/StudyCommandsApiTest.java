package io.hyperstream.results.rest;

import static io.hyperstream.results.ApiSupport.awaitJson;
import static io.hyperstream.results.TopicWriter.TOPICS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import io.hyperstream.model.Json;
import io.hyperstream.model.kafka.StudyPartitioner;
import io.hyperstream.model.event.StopStudyRequested;
import io.hyperstream.model.event.StudyCommand;
import io.hyperstream.model.event.StudySubmitted;
import io.hyperstream.results.TestStudy;
import io.hyperstream.results.TopicReader;
import io.hyperstream.results.TopicWriter;
import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * POST /api/studies and POST /api/studies/{id}/stop publish the commands the sampler reads, exactly
 * as a Kafka client would, and refuse bad input with problem bodies. No token is configured here:
 * the endpoints are open (see ApiTokenTest).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class StudyCommandsApiTest {

    private static final String YAML_SPEC = """
            name: branin api
            direction: minimize
            search_space:
              - {name: x0, type: float, low: -5, high: 10}
              - {name: x1, type: float, low: 0, high: 15}
            sampler: {type: random, seed: 7}
            objective: {kind: synthetic, settings: {function: branin}, metric: value, max_epochs: 3}
            budget: {n_trials: 4, parallelism: 2}
            """;

    @Test
    void aYamlSpecIsPublishedAsStudySubmittedKeyedByItsGeneratedId() throws Exception {
        try (TopicReader commands = new TopicReader(TOPICS.studyCommands())) {
            var response = given().contentType("application/yaml").body(bytes(YAML_SPEC)).post("/api/studies").then()
                    .statusCode(202)
                    .body("status", equalTo("SUBMITTED"))
                    .body("topic", equalTo(TOPICS.studyCommands()))
                    .body("studyId", matchesPattern("branin-api-[a-z0-9]{6}"))
                    .extract();
            String studyId = response.path("studyId");
            assertThat(response.header("Location")).endsWith("/api/studies/" + studyId);
            assertThat((String) response.path("watch")).isEqualTo("/api/studies/" + studyId);

            ConsumerRecord<String, String> record = commands.next(studyId).orElseThrow();
            assertThat(record.partition()).as("Kafka's default partitioner on the study id")
                    .isEqualTo(StudyPartitioner.partitionOf(studyId, 3));
            StudyCommand command = Json.read(record.value(), StudyCommand.class);
            assertThat(command).isInstanceOf(StudySubmitted.class);
            StudySubmitted submitted = (StudySubmitted) command;
            assertThat(submitted.eventId()).isEqualTo(response.path("eventId"));
            assertThat(submitted.spec().name()).isEqualTo("branin api");
            assertThat(submitted.spec().sampler().seed()).isEqualTo(7L);
            assertThat(submitted.spec().searchSpace()).hasSize(2);
        }
    }

    @Test
    void aJsonSpecWithAChosenIdIsPublishedUnderThatId() {
        String studyId = "api-json-" + UUID.randomUUID().toString().substring(0, 8);
        String json = Json.write(TestStudy.of("json", "maximize").spec);
        try (TopicReader commands = new TopicReader(TOPICS.studyCommands())) {
            given().contentType("application/json").body(json).queryParam("studyId", studyId).post("/api/studies")
                    .then().statusCode(202).body("studyId", equalTo(studyId));
            assertThat(commands.next(studyId)).isPresent();
        }
    }

    @Test
    void invalidSpecsAndIdsAre400sNamingWhatIsWrong() {
        problem(given().contentType("application/yaml").body(bytes(YAML_SPEC.replace("low: -5", "low: 50"))).post("/api/studies"),
                400).body("detail", containsString("low <= high must hold, but got low=50.0, high=10.0"));
        problem(given().contentType("application/yaml").body(bytes("name: x\nsearch_space: []\n")).post("/api/studies"), 400)
                .body("detail", startsWith("invalid study spec: "));
        problem(given().contentType("application/json").body("{not json").post("/api/studies"), 400)
                .body("detail", startsWith("invalid study spec"));
        problem(given().contentType("application/yaml").body(bytes("")).post("/api/studies"), 400)
                .body("detail", containsString("it is empty"));
        problem(given().contentType("application/yaml").body(bytes(YAML_SPEC)).queryParam("studyId", "bad id!")
                .post("/api/studies"), 400).body("detail", containsString("but got 'bad id!'"));
        given().contentType("application/xml").body("<spec/>").post("/api/studies").then().statusCode(415)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void anIdAlreadyUsedIsA409() {
        TestStudy study = TestStudy.of("taken", "minimize");
        try (TopicWriter topics = new TopicWriter()) {
            topics.send(TOPICS.studyEvents(), study.id, study.accepted());
        }
        awaitJson("/api/studies/" + study.id, json -> assertThat(json.getString("state")).isEqualTo("RUNNING"));
        problem(given().contentType("application/yaml").body(bytes(YAML_SPEC)).queryParam("studyId", study.id)
                .post("/api/studies"), 409).body("detail", containsString("'" + study.id + "' is already used"));
    }

    @Test
    void anOversizedBodyIsA413() {
        String huge = YAML_SPEC + "# " + "x".repeat(1_100_000) + "\n";
        problem(given().contentType("application/yaml").body(bytes(huge)).post("/api/studies"), 413)
                .body("type", equalTo("urn:hyperstream:problem:payload-too-large"))
                .body("detail", containsString("bytes allowed (hyperstream.results.max-body-size)"));
        TestStudy study = TestStudy.of("big-stop", "minimize");
        problem(given().contentType("application/json").body("{\"reason\":\"" + "y".repeat(1_100_000) + "\"}")
                .post("/api/studies/" + study.id + "/stop"), 413);
    }

    @Test
    void aStopRequestOfARunningStudyIsPublishedAsStopStudyRequested() {
        TestStudy study = TestStudy.of("stoppable", "minimize");
        try (TopicWriter topics = new TopicWriter()) {
            topics.send(TOPICS.studyEvents(), study.id, study.accepted());
        }
        awaitJson("/api/studies/" + study.id, json -> assertThat(json.getString("state")).isEqualTo("RUNNING"));
        try (TopicReader commands = new TopicReader(TOPICS.studyCommands())) {
            given().contentType("application/json").body("{\"reason\":\"enough\"}")
                    .post("/api/studies/" + study.id + "/stop").then().statusCode(202)
                    .body("status", equalTo("STOP_REQUESTED")).body("studyId", equalTo(study.id));
            StudyCommand command = Json.read(commands.next(study.id).orElseThrow().value(), StudyCommand.class);
            assertThat(command).isInstanceOfSatisfying(StopStudyRequested.class,
                    stop -> assertThat(stop.reason()).isEqualTo("enough"));
            given().post("/api/studies/" + study.id + "/stop").then().statusCode(202);
            assertThat(((StopStudyRequested) Json.read(commands.next(study.id).orElseThrow().value(), StudyCommand.class))
                    .reason()).isEqualTo("stop requested through the results API");
        }
    }

    @Test
    void stoppingAnUnknownOrFinishedStudyOrWithABadBodyIsRefused() {
        problem(given().post("/api/studies/no-such-study/stop"), 404)
                .body("detail", equalTo("study 'no-such-study' not found"));
        TestStudy done = TestStudy.of("done", "minimize");
        try (TopicWriter topics = new TopicWriter()) {
            topics.send(TOPICS.studyEvents(), done.id, done.accepted());
            topics.send(TOPICS.studyEvents(), done.id, done.completed("n_trials reached", 0));
        }
        awaitJson("/api/studies/" + done.id, json -> assertThat(json.getString("state")).isEqualTo("COMPLETE"));
        problem(given().post("/api/studies/" + done.id + "/stop"), 409)
                .body("detail", equalTo("study '" + done.id + "' is already COMPLETE: there is nothing to stop"));
        problem(given().contentType("application/json").body("{\"why\":1}").post("/api/studies/" + done.id + "/stop"),
                400).body("detail", containsString("{\"reason\": text}"));
    }

    /** YAML bodies go as bytes: RestAssured has no encoder for application/yaml. */
    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static ValidatableResponse problem(io.restassured.response.Response response, int status) {
        return response.then().statusCode(status).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status)).body("type", startsWith("urn:hyperstream:problem:"));
    }
}

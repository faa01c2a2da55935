package io.hyperstream.results.rest;

import static io.hyperstream.results.ApiSupport.awaitJson;
import static io.hyperstream.results.TopicWriter.TOPICS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.hyperstream.results.TestStudy;
import io.hyperstream.results.TopicWriter;
import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** Unknown ids and bad parameters get RFC 7807 problem bodies that say what was wrong. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class ProblemResponsesTest {

    @Test
    void anUnknownStudyIsA404NamingIt() {
        problem("/api/studies/no-such-study", 404)
                .body("title", equalTo("Not found"))
                .body("detail", equalTo("study 'no-such-study' not found"))
                .body("instance", equalTo("/api/studies/no-such-study"));
        problem("/api/studies/no-such-study/trials", 404).body("detail", equalTo("study 'no-such-study' not found"));
        problem("/api/studies/no-such-study/trials/0", 404).body("detail", equalTo("study 'no-such-study' not found"));
        problem("/api/studies/no-such-study/pareto-front", 404).body("detail", equalTo("study 'no-such-study' not found"));
    }

    @Test
    void anUnknownTrialOfAKnownStudyIsA404NamingBoth() {
        TestStudy study = TestStudy.of("known", "minimize");
        try (TopicWriter topics = new TopicWriter()) {
            topics.send(TOPICS.studyEvents(), study.id, study.accepted());
        }
        awaitJson("/api/studies/" + study.id, json -> assertThat(json.getString("state")).isEqualTo("RUNNING"));
        problem("/api/studies/" + study.id + "/trials/7", 404)
                .body("detail", equalTo("trial 7 of study '" + study.id + "' not found"));
    }

    @Test
    void badPagingAndFiltersAre400s() {
        TestStudy study = TestStudy.of("params", "minimize");
        try (TopicWriter topics = new TopicWriter()) {
            topics.send(TOPICS.studyEvents(), study.id, study.accepted());
        }
        awaitJson("/api/studies/" + study.id, json -> assertThat(json.getString("state")).isEqualTo("RUNNING"));
        String trials = "/api/studies/" + study.id + "/trials";
        problem(trials + "?state=DONE", 400)
                .body("type", equalTo("urn:hyperstream:problem:bad-request"))
                .body("title", equalTo("Bad request"))
                .body("detail", equalTo("state must be one of [WAITING, RUNNING, COMPLETE, PRUNED, FAIL], but got 'DONE'"));
        problem(trials + "?page=-1", 400).body("detail", equalTo("page must be an integer >= 0, but got -1"));
        problem(trials + "?page=abc", 400).body("detail", equalTo("page must be an integer >= 0, but got 'abc'"));
        problem(trials + "?size=0", 400).body("detail", equalTo("size must be an integer from 1 to 1000, but got 0"));
        problem(trials + "?size=1001", 400).body("detail", equalTo("size must be an integer from 1 to 1000, but got 1001"));
        problem(trials + "/minus-one", 400).body("detail", startsWith("trial number must be an integer >= 0"));
        problem("/api/studies?state=WAITING", 400).body("detail", containsString("[RUNNING, COMPLETE, REJECTED]"));
        problem("/api/studies?size=0", 400).body("detail", equalTo("size must be an integer from 1 to 1000, but got 0"));
        problem("/api/studies?page=x", 400).body("detail", equalTo("page must be an integer >= 0, but got 'x'"));
        problem("/api/dead-letters?size=5000", 400).body("detail", containsString("size must be"));
    }

    private static ValidatableResponse problem(String path, int status) {
        return given().get(path).then()
                .statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("type", startsWith("urn:hyperstream:problem:"));
    }
}

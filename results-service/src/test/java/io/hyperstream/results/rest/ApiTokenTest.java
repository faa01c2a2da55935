package io.hyperstream.results.rest;

import static io.hyperstream.results.TopicWriter.TOPICS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.hyperstream.results.TestStudy;
import io.hyperstream.results.TopicReader;
import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With hyperstream.results.api-token set, mutating requests need it; reading stays open. */
@QuarkusTest
@TestProfile(ApiTokenTest.WithToken.class)
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class ApiTokenTest {

    static final String TOKEN = "s3cret-token";

    /** The service with an API token. */
    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hyperstream.results.api-token", TOKEN);
        }
    }

    private static byte[] spec() {
        return Json.SPEC.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSubmissionWithoutTheTokenOrWithAnotherIsA401() {
        given().contentType("application/json").body(spec()).post("/api/studies").then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:hyperstream:problem:unauthorized"))
                .body("detail", equalTo("this request changes studies and needs the header Authorization: Bearer <API token>"));
        given().contentType("application/json").header("Authorization", "Bearer wrong").body(spec())
                .post("/api/studies").then().statusCode(401)
                .body("detail", equalTo("the API token in the Authorization header is not the configured one"));
        given().contentType("application/json").header("Authorization", "Basic " + TOKEN).body(spec())
                .post("/api/studies").then().statusCode(401);
        given().header("Authorization", "Bearer wrong").post("/api/studies/any/stop").then().statusCode(401);
    }

    @Test
    void theTokenLetsASubmissionThroughAndReadingNeedsNone() {
        try (TopicReader commands = new TopicReader(TOPICS.studyCommands())) {
            String studyId = given().contentType("application/json").header("Authorization", "Bearer " + TOKEN)
                    .body(spec()).post("/api/studies").then().statusCode(202).extract().path("studyId");
            assertThat(commands.next(studyId)).isPresent();
        }
        given().get("/api/studies").then().statusCode(200);
        given().header("Authorization", "Bearer " + TOKEN).post("/api/studies/" + TestStudy.of("x", "minimize").id
                + "/stop").then().statusCode(404);
    }

    /** A valid spec as JSON. */
    private static final class Json {
        static final String SPEC = io.hyperstream.model.Json.write(TestStudy.of("token", "minimize").spec);
    }
}

package io.hyperstream.results.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With hyperstream.results.api-token set, the API and dashboard answer only requests that carry the token. */
@QuarkusTest
@TestProfile(ApiTokenTest.WithToken.class)
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class ApiTokenTest {

    private static final String TOKEN = "s3cret-token-for-tests";

    /** Sets the token. */
    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hyperstream.results.api-token", TOKEN);
        }
    }

    @Test
    void aRequestWithoutTheTokenIsRefusedWithAProblem() {
        given().get("/api/studies").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("detail", containsString("needs its token"));
        given().get("/").then().statusCode(401);
    }

    @Test
    void aWrongTokenIsRefused() {
        given().header("Authorization", "Bearer not-" + TOKEN).get("/api/studies").then().statusCode(401)
                .body("detail", equalTo("the token given is not this API's token"));
    }

    @Test
    void theBearerTokenOrItsCookieOpensTheApi() {
        given().header("Authorization", "Bearer " + TOKEN).get("/api/studies").then().statusCode(200);
        given().cookie(ApiTokenFilter.COOKIE, TOKEN).get("/api/dead-letters").then().statusCode(200);
    }

    @Test
    void theTokenInTheQueryOnceSetsTheCookieForABrowser() {
        given().queryParam("access_token", TOKEN).get("/api/studies").then().statusCode(200)
                .cookie(ApiTokenFilter.COOKIE, notNullValue());
    }

    @Test
    void healthAndMetricsStayOpenForMonitoring() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }
}

package io.hyperstream.results.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health (with the MongoDB check) and the OpenAPI document are served. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class PlatformEndpointsTest {

    @Test
    void healthIsUpAndChecksMongo() {
        given().get("/q/health").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("MongoDB")));
    }

    @Test
    void openApiDescribesEveryEndpointWithItsProblemResponses() {
        var openApi = given().accept("application/json").get("/q/openapi").then()
                .statusCode(200)
                .body("info.title", equalTo("Hyperstream results API"))
                .body(containsString("application/problem+json"))
                .extract().jsonPath();
        java.util.Map<String, java.util.Map<String, Object>> paths = openApi.getMap("paths");
        org.assertj.core.api.Assertions.assertThat(paths).containsKeys("/api/studies", "/api/studies/{studyId}",
                "/api/studies/{studyId}/pareto-front", "/api/studies/{studyId}/trials",
                "/api/studies/{studyId}/trials/{number}", "/api/studies/{studyId}/importances",
                "/api/studies/{studyId}/export", "/api/studies/{studyId}/report", "/api/studies/{studyId}/stop",
                "/api/dead-letters");
        org.assertj.core.api.Assertions.assertThat(paths.get("/api/studies")).containsKeys("get", "post");
        org.assertj.core.api.Assertions.assertThat(openApi.getMap("paths.'/api/studies'.post.responses"))
                .containsKeys("202", "400", "401", "409", "413", "503");
        org.assertj.core.api.Assertions.assertThat(openApi.getList("paths.'/api/studies/{studyId}/trials'.get.parameters.name"))
                .contains("state", "sort", "order", "page", "size", "param.<name>");
        org.assertj.core.api.Assertions.assertThat(openApi.getMap("components.securitySchemes")).containsKey("apiToken");
    }
}

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
    void openApiDescribesTheApi() {
        given().accept("application/json").get("/q/openapi").then()
                .statusCode(200)
                .body("info.title", equalTo("Hyperstream results API"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/studies/{studyId}/trials/{number}"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/dead-letters"))
                .body(containsString("application/problem+json"));
    }
}

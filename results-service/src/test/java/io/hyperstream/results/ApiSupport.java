package io.hyperstream.results;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Reads the REST API as a user would, waiting where ingestion is asynchronous. */
public final class ApiSupport {

    /** Doubles as doubles, not floats, so that values such as 0.1 compare exactly. */
    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config().jsonConfig(
            JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));

    private ApiSupport() {
    }

    /** Waits until GET {@code path} answers 200 with a body that passes the check; returns that body. */
    public static JsonPath awaitJson(String path, Consumer<JsonPath> check) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonPath json = getJson(path);
            check.accept(json);
            last[0] = json;
        });
        return last[0];
    }

    /** GET {@code path} once, expecting 200. */
    public static JsonPath getJson(String path) {
        return given().config(CONFIG).accept("application/json").get(path).then().statusCode(200).extract().jsonPath();
    }

    /**
     * Waits until results-service has stored a dead letter of its own with this payload: a marker
     * showing that every record published before it on the same partition has been handled.
     */
    public static JsonPath awaitOwnDeadLetter(String payload) {
        return awaitJson("/api/dead-letters?service=results-service&size=1000", json -> {
            List<String> payloads = json.getList("items.payload");
            if (!payloads.contains(payload)) {
                throw new AssertionError("no dead letter with payload " + payload + " yet");
            }
        });
    }
}

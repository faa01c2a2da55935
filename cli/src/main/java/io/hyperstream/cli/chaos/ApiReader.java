package io.hyperstream.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.cli.results.ResultsClient;
import io.hyperstream.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the results API's JSON as trees: a study's full answer, the dead letters. */
public final class ApiReader {

    private final String apiUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ApiReader(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    /** {@code GET /api/studies/{id}}, or empty if the API does not know the study (or cannot be reached). */
    public Optional<JsonNode> study(String studyId) {
        return get("/api/studies/" + URLEncoder.encode(studyId, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** The first page (up to 1,000) of a study's trials. */
    public List<JsonNode> trials(String studyId) {
        List<JsonNode> trials = new ArrayList<>();
        get("/api/studies/" + URLEncoder.encode(studyId, StandardCharsets.UTF_8).replace("+", "%20") + "/trials?size=1000")
                .ifPresent(page -> page.path("items").forEach(trials::add));
        return trials;
    }

    /** The newest dead letters (up to 1,000). */
    public List<JsonNode> deadLetters() {
        List<JsonNode> letters = new ArrayList<>();
        get("/api/dead-letters?size=1000").ifPresent(page -> page.path("items").forEach(letters::add));
        return letters;
    }

    private Optional<JsonNode> get(String path) {
        try {
            HttpResponse<String> response = http.send(ResultsClient.authorized(HttpRequest.newBuilder(URI.create(apiUrl + path)))
                    .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.ofNullable(Json.mapper().readTree(response.body()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

package io.hyperstream.cli.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Reads studies and their reports from the results API ({@code GET /api/studies/{id}}, {@code .../report}). */
public final class ResultsClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** A report of a large study computes fANOVA importances first. */
    private static final Duration REPORT_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The environment variable holding the results API's token. */
    public static final String TOKEN_VARIABLE = "HPO_API_TOKEN";

    private final String apiUrl;
    private final HttpClient http;

    /** @param apiUrl the API's base URL, such as {@code http://127.0.0.1:8080} (no trailing slash) */
    public ResultsClient(String apiUrl) {
        this.apiUrl = apiUrl;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** The URL of a study's resource. */
    public String studyUrl(String studyId) {
        return apiUrl + "/api/studies/" + URLEncoder.encode(studyId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The study, or empty if the API does not know it (404). Throws a {@link CliException} when
     * the API cannot be reached or answers with an error.
     */
    public Optional<StudyView> find(String studyId) {
        String url = studyUrl(studyId);
        HttpResponse<String> response = get(url, "application/json", REQUEST_TIMEOUT);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new CliException(ExitCodes.FAILURE, "the results API answered HTTP " + response.statusCode()
                    + " for " + url + problemDetail(response.body()));
        }
        try {
            JsonNode json = MAPPER.readTree(response.body());
            if (json == null || !json.isObject()) {
                throw new CliException(ExitCodes.FAILURE, "the results API answered " + url
                        + " with something that is not a JSON object: " + abbreviate(response.body()));
            }
            return Optional.of(StudyView.from(json));
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCodes.FAILURE, "the results API answered " + url
                    + " with unreadable JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A study's experiment report ({@code GET /api/studies/{id}/report?format=html|md}), or empty
     * if the API does not know the study. Throws a {@link CliException} when the API cannot be
     * reached or answers with an error.
     */
    public Optional<String> report(String studyId, String format) {
        String url = studyUrl(studyId) + "/report?format=" + format;
        HttpResponse<String> response = get(url, format.equals("md") ? "text/markdown" : "text/html",
                REPORT_TIMEOUT);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new CliException(ExitCodes.FAILURE, "the results API answered HTTP " + response.statusCode()
                    + " for " + url + problemDetail(response.body()));
        }
        return Optional.of(response.body());
    }

    /** A GET with the API token, if one is set; failures to reach the API become {@link CliException}s. */
    private HttpResponse<String> get(String url, String accept, Duration timeout) {
        try {
            return http.send(authorized(HttpRequest.newBuilder(URI.create(url))).timeout(timeout)
                    .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot reach the results API at " + apiUrl
                    + " (connection refused); is results-service running? ./hpo local starts it", e);
        } catch (HttpTimeoutException e) {
            throw new CliException(ExitCodes.FAILURE, "the results API at " + apiUrl + " did not answer within "
                    + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot reach the results API at " + apiUrl + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "interrupted while asking " + url, e);
        }
    }

    /**
     * Waits until the API shows the study COMPLETE with at least {@code finishedTrials} finished
     * trials (it reads the same events as hpo, a little later). Throws a {@link CliException}
     * saying what it last saw if that does not happen within {@code timeout}.
     */
    public StudyView awaitComplete(String studyId, long finishedTrials, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastSeen = "nothing yet";
        while (true) {
            try {
                Optional<StudyView> view = find(studyId);
                if (view.isPresent() && view.get().isCompleteWith(finishedTrials)) {
                    return view.get();
                }
                lastSeen = view.map(v -> "state " + v.state() + ", " + v.counts().finished() + " finished trials")
                        .orElse("no such study (404)");
            } catch (CliException e) {
                lastSeen = e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new CliException(ExitCodes.FAILURE, "the results API did not show study " + studyId
                        + " complete with " + finishedTrials + " finished trials within " + timeout.toSeconds()
                        + " s (last seen: " + lastSeen + ")");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCodes.FAILURE, "interrupted while waiting for the results API", e);
            }
        }
    }

    /**
     * The request with the results API's token from {@code HPO_API_TOKEN} (the service's
     * {@code hyperstream.results.api-token}), if that is set.
     */
    public static HttpRequest.Builder authorized(HttpRequest.Builder request) {
        String token = System.getenv(TOKEN_VARIABLE);
        return token == null || token.isBlank() ? request : request.header("Authorization", "Bearer " + token.trim());
    }

    private static String problemDetail(String body) {
        try {
            JsonNode json = MAPPER.readTree(body);
            if (json != null && json.isObject()) {
                String detail = json.path("detail").asText(json.path("title").asText(""));
                if (!detail.isEmpty()) {
                    return ": " + detail;
                }
            }
        } catch (JsonProcessingException e) {
            // not a problem document: show the text
        }
        return body == null || body.isBlank() ? "" : ": " + abbreviate(body);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}

package io.hyperstream.results.dashboard;

import static io.hyperstream.results.ApiSupport.awaitJson;
import static io.hyperstream.results.ApiSupport.getJson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.hyperstream.model.TrialState;
import io.hyperstream.results.TopicWriter;
import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's plot and live-update endpoints over a study published through Kafka. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class DashboardApiTest {

    private static TopicWriter topics;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void connect() {
        topics = new TopicWriter();
    }

    @AfterAll
    static void disconnect() {
        topics.close();
    }

    @Test
    void plotsDrawTheStoredTrials() {
        StudyScript study = new StudyScript("plots", 16, 2, 6, 1, 21);
        study.publishAll(topics);
        awaitJson("/api/studies/" + study.id, json -> assertThat(json.getInt("counts.finished")).isEqualTo(16));
        String base = "/api/studies/" + study.id + "/plots";
        List<StudyScript.Trial> complete = study.inState(TrialState.COMPLETE);

        JsonPath history = getJson(base + "/history");
        assertThat(history.getInt("complete")).isEqualTo(complete.size());
        assertThat(history.getList("numbers", Integer.class))
                .containsExactlyElementsOf(complete.stream().map(StudyScript.Trial::number).toList());
        double best = complete.stream().mapToDouble(t -> t.values()[0]).min().orElseThrow();
        List<Double> bestValues = history.getList("bestValues", Double.class);
        assertThat(bestValues.get(bestValues.size() - 1)).isEqualTo(best);

        JsonPath intermediate = getJson(base + "/intermediate?max_trials=5&max_points=4");
        assertThat(intermediate.getInt("withEpochs")).isEqualTo(16);
        assertThat(intermediate.getList("curves")).hasSize(5);
        assertThat(intermediate.getList("curves.epochs", List.class)).allSatisfy(e -> assertThat(e).hasSizeLessThanOrEqualTo(4));

        JsonPath params = getJson(base + "/params");
        assertThat(params.getList("params.name")).containsExactly("x", "lr", "layers", "optimizer");
        assertThat(params.getList("params[3].choices")).containsExactly("sgd", "adam", "rmsprop");
        assertThat(params.getInt("shown")).isEqualTo(complete.size());

        JsonPath contour = getJson(base + "/contour?x=x&y=optimizer&grid=10");
        assertThat(contour.getList("z")).hasSize(3);
        assertThat(contour.getList("z[0]")).hasSize(10);

        assertThat(getJson(base + "/edf").getList("values")).hasSize(complete.size());
        JsonPath timeline = getJson(base + "/timeline");
        assertThat(timeline.getList("trainers.id")).containsExactly("trainer-a", "trainer-b");
        assertThat(timeline.getList("bars")).hasSize(16);

        JsonPath table = getJson(base + "/trials?sort=value&size=3");
        assertThat(table.getLong("total")).isEqualTo(16);
        StudyScript.Trial first = complete.stream().min(Comparator.comparingDouble(t -> t.values()[0])).orElseThrow();
        assertThat(table.getInt("items[0].number")).isEqualTo(first.number());
        assertThat(table.getList("items")).hasSize(3);
    }

    @Test
    void badParametersAndUnknownStudiesGetProblems() {
        StudyScript study = new StudyScript("plots-bad", 3, 1, 2, 1, 1);
        study.publishAll(topics);
        awaitJson("/api/studies/" + study.id, json -> assertThat(json.getInt("counts.finished")).isEqualTo(3));
        String base = "/api/studies/" + study.id + "/plots";
        problem(base + "/history?max_points=5", 400, "max_points must be an integer from 10 to 20000, but got 5");
        problem(base + "/history?objective=1", 400, "objective must be an integer from 0 to 0, but got 1");
        problem(base + "/edf?objective=first", 400, "objective must be an integer from 0 to 100, but got 'first'");
        problem(base + "/intermediate?max_trials=0", 400, "max_trials must be an integer from 1 to 1000, but got 0");
        problem(base + "/contour?y=lr", 400, "x is required");
        problem(base + "/contour?x=nope&y=lr", 400, "unknown parameter 'nope'");
        problem(base + "/contour?x=x&y=lr&grid=500", 400, "grid must be an integer from 2 to 60, but got 500");
        problem(base + "/pareto", 400, "the Pareto front needs a study with two or more objectives");
        problem(base + "/trials?sort=colour", 400, "sort must be one of");
        problem(base + "/trials?order=sideways", 400, "order must be asc or desc, but got 'sideways'");
        problem(base + "/trials?state=BOGUS", 400, "state must be one of");
        problem(base + "/trials?size=0", 400, "size must be an integer from 1 to 1000, but got 0");
        problem("/api/studies/no-such-study/plots/history", 404, "study 'no-such-study' not found");
        problem("/api/studies/no-such-study/events", 404, "study 'no-such-study' not found");
    }

    @Test
    void liveUpdatesFollowWhatIsStored() throws Exception {
        StudyScript study = new StudyScript("live", 6, 2, 3, 1, 4);
        study.publishAccepted(topics);
        study.publishTrial(topics, study.trials.get(0));
        awaitJson("/api/studies/" + study.id, json -> assertThat(json.getInt("counts.finished")).isEqualTo(1));
        // The plots read the study once; later trials must reach them through the tracked writes.
        assertThat(getJson("/api/studies/" + study.id + "/plots/trials").getLong("total")).isEqualTo(1);

        BlockingQueue<String> studyMessages = stream("api/studies/" + study.id + "/events");
        BlockingQueue<String> allMessages = stream("api/events");
        assertThat(studyMessages.poll(30, TimeUnit.SECONDS)).contains("\"type\":\"open\"");
        assertThat(allMessages.poll(30, TimeUnit.SECONDS)).contains("\"type\":\"open\"");

        study.trials.subList(1, 6).forEach(t -> study.publishTrial(topics, t));
        assertThat(nextChange(studyMessages)).contains("\"studyId\":\"" + study.id + "\"");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(nextChange(allMessages)).contains(study.id));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(getJson("/api/studies/" + study.id + "/plots/trials").getLong("total")).isEqualTo(6));
        int complete = study.inState(TrialState.COMPLETE).size();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(getJson("/api/studies/" + study.id + "/plots/history").getInt("complete")).isEqualTo(complete));
    }

    private static String nextChange(BlockingQueue<String> messages) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String message = messages.poll(1, TimeUnit.SECONDS);
            if (message != null && message.contains("\"type\":\"change\"")) {
                return message;
            }
        }
        throw new AssertionError("no change message within 30 s");
    }

    /** The data lines of a server-sent event stream, read on a thread of their own. */
    private BlockingQueue<String> stream(String path) throws Exception {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(root + path)).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        messages.add(line.substring(5).trim());
                    }
                }
            } catch (java.io.IOException e) {
                // The stream ends with the test.
            }
        }, "sse-" + path);
        reader.setDaemon(true);
        reader.start();
        return messages;
    }

    private static void problem(String path, int status, String detail) {
        given().get(path).then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("detail", containsString(detail));
    }
}

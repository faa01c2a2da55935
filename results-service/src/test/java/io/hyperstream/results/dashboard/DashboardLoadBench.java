package io.hyperstream.results.dashboard;

import static io.hyperstream.results.ApiSupport.awaitJson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.InsertManyOptions;
import io.hyperstream.model.TrialState;
import io.hyperstream.results.TopicWriter;
import io.hyperstream.results.document.StateRank;
import io.hyperstream.results.document.TrialDoc;
import io.hyperstream.results.document.TrialEpochsDoc;
import io.hyperstream.results.service.ResultsDatabase;
import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Measures the dashboard's endpoints on a study of 10,000 trials of 50 epochs each (not a test:
 * it prints figures). Run with
 * {@code ./mvnw -B -o -q -pl results-service -am verify -Dtest=DashboardLoadBench
 * -Dsurefire.failIfNoSpecifiedTests=false -Dhyperstream.bench.dashboard=true}; sizes from
 * {@code -Dbench.trials=} and {@code -Dbench.epochs=}. Trials are written to the store directly,
 * in the documents results-service writes, so that loading takes seconds rather than the
 * minutes of 520,000 events; the study itself is accepted through Kafka. Writes table and JSON
 * to {@code target/dashboard-bench.txt} and {@code .json}.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
@EnabledIfSystemProperty(named = "hyperstream.bench.dashboard", matches = "true")
class DashboardLoadBench {

    private static final int REPEATS = 20;

    @Inject
    ResultsDatabase database;

    @TestHTTPResource("/")
    URL root;

    @Test
    void measureTheAggregationEndpoints() throws IOException {
        int trials = Integer.getInteger("bench.trials", 10_000);
        int epochs = Integer.getInteger("bench.epochs", 50);
        StudyScript script = new StudyScript("bench", 1, 8, epochs, 1, 1);
        try (TopicWriter topics = new TopicWriter()) {
            script.publishAccepted(topics);
        }
        awaitJson("/api/studies/" + script.id, json -> assertThat(json.getString("state")).isEqualTo("RUNNING"));
        long loadStart = System.nanoTime();
        insertTrials(script.id, trials, epochs);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

        String base = "/api/studies/" + script.id;
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("history", base + "/plots/history");
        endpoints.put("intermediate", base + "/plots/intermediate?max_trials=100&max_points=100");
        endpoints.put("params", base + "/plots/params");
        endpoints.put("contour", base + "/plots/contour?x=x&y=lr");
        endpoints.put("edf", base + "/plots/edf");
        endpoints.put("timeline", base + "/plots/timeline");
        endpoints.put("trials page sorted by value", base + "/plots/trials?sort=value&page=3&size=25");
        endpoints.put("trials page sorted by param", base + "/plots/trials?sort=param:lr&order=desc&size=25");
        endpoints.put("study (existing API)", base);

        StringBuilder table = new StringBuilder();
        StringBuilder json = new StringBuilder("{\"command\":\"DashboardLoadBench\",\"trials\":" + trials
                + ",\"epochs\":" + epochs + ",\"store\":\"" + System.getProperty("hyperstream.test.infra", "auto")
                + "\",\"load_seconds\":" + round(loadSeconds) + ",\"results\":[");
        table.append(String.format(Locale.ROOT, "%d trials x %d epochs written in %.1f s%n", trials, epochs, loadSeconds));
        table.append(String.format(Locale.ROOT, "%-30s %10s %10s %10s %10s %10s%n", "endpoint", "first ms", "p50 ms",
                "p99 ms", "max ms", "KB"));
        boolean first = true;
        for (Map.Entry<String, String> e : endpoints.entrySet()) {
            long t0 = System.nanoTime();
            int bytes = get(e.getValue());
            double firstMs = (System.nanoTime() - t0) / 1e6;
            double[] ms = new double[REPEATS];
            for (int i = 0; i < REPEATS; i++) {
                long t = System.nanoTime();
                get(e.getValue());
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(ms);
            double p50 = ms[REPEATS / 2];
            double p99 = ms[(int) Math.ceil(0.99 * REPEATS) - 1];
            table.append(String.format(Locale.ROOT, "%-30s %10.1f %10.1f %10.1f %10.1f %10.1f%n", e.getKey(), firstMs, p50,
                    p99, ms[REPEATS - 1], bytes / 1024.0));
            json.append(first ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"endpoint\":\"%s\",\"first_ms\":%s,\"p50_ms\":%s,\"p99_ms\":%s,\"max_ms\":%s,\"bytes\":%d}",
                    e.getKey(), round(firstMs), round(p50), round(p99), round(ms[REPEATS - 1]), bytes));
            first = false;
        }

        // Live study: 100 trials written, then the next plot request reads only those again.
        Random random = new Random(2);
        for (int i = 0; i < 100; i++) {
            int n = random.nextInt(trials);
            database.trials().updateOne(new Document(TrialDoc.ID, TrialDoc.id(script.id, n)),
                    new Document("$set", new Document(TrialDoc.TRAINER_ID, "trainer-late")));
        }
        long t0 = System.nanoTime();
        get(base + "/plots/history");
        double afterWrites = (System.nanoTime() - t0) / 1e6;
        table.append(String.format(Locale.ROOT, "%-30s %10.1f%n", "history after 100 writes", afterWrites));
        json.append(String.format(Locale.ROOT, "],\"history_after_100_writes_ms\":%s", round(afterWrites)));

        String missing = Chromium.unavailable();
        if (missing == null) {
            ChromeDriver browser = Chromium.start(1400, 1000);
            try {
                long b0 = System.nanoTime();
                browser.get(root + "study.html?id=" + script.id);
                new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> d.findElements(By.cssSelector(".panel:not([hidden]) .chart"))
                        .stream().allMatch(el -> el.getDomAttribute("data-state") != null)
                        && d.findElement(By.id("trials")).getDomAttribute("data-state") != null);
                double pageMs = (System.nanoTime() - b0) / 1e6;
                table.append(String.format(Locale.ROOT, "%-30s %10.1f%n", "study page, all panels drawn", pageMs));
                json.append(String.format(Locale.ROOT, ",\"page_all_panels_ms\":%s", round(pageMs)));
                browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 3400));
                Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "dashboard-bench.png"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } finally {
                browser.quit();
            }
        }
        json.append("}");
        System.out.println(table);
        Files.writeString(Path.of("target", "dashboard-bench.txt"), table);
        Files.writeString(Path.of("target", "dashboard-bench.json"), json + "\n");
    }

    private static int get(String path) {
        return given().accept("application/json").get(path).then().statusCode(200).extract().asByteArray().length;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /**
     * Trial and epochs documents as results-service stores them after each trial's last event
     * (the study's aggregates in study_stats are not written: the plots do not read them).
     */
    private void insertTrials(String studyId, int trials, int epochs) {
        Random random = new Random(42);
        long start = System.currentTimeMillis() - trials * 2_000L;
        int trainers = 8;
        long[] free = new long[trainers];
        Arrays.fill(free, start);
        List<Document> batch = new ArrayList<>();
        List<Document> epochBatch = new ArrayList<>();
        for (int n = 0; n < trials; n++) {
            double x = -5 + 15 * random.nextDouble();
            double lr = Math.pow(10, -4 + 3 * random.nextDouble());
            long layers = 1 + random.nextInt(4);
            String optimizer = List.of("sgd", "adam", "rmsprop").get(random.nextInt(3));
            double loss = (x - 2) * (x - 2) / 10 + Math.abs(Math.log10(lr) + 2.5) + 0.1 * layers
                    + (optimizer.equals("adam") ? 0 : 0.3) + 0.2 * random.nextDouble();
            TrialState state = n % 10 < 3 ? TrialState.PRUNED : n % 50 == 49 ? TrialState.FAIL : TrialState.COMPLETE;
            int lastEpoch = state == TrialState.PRUNED ? 5 + random.nextInt(20) : state == TrialState.FAIL ? 3 : epochs;
            int trainer = n % trainers;
            long started = free[trainer] + random.nextInt(200);
            long finished = started + lastEpoch * 100L + random.nextInt(500);
            free[trainer] = finished;
            Document intermediate = new Document();
            Document epochMetrics = new Document();
            double last = loss;
            for (int e = 1; e <= lastEpoch; e++) {
                last = loss + 2 * Math.exp(-e / 8.0) + 0.02 * random.nextGaussian();
                intermediate.append(Integer.toString(e), List.of(last));
                epochMetrics.append(Integer.toString(e), new Document("loss", last).append("accuracy", 1 / (1 + last)));
            }
            Document doc = new Document(TrialDoc.ID, TrialDoc.id(studyId, n)).append(TrialDoc.STUDY_ID, studyId)
                    .append(TrialDoc.NUMBER, n).append(TrialDoc.STATE, state.name())
                    .append(TrialDoc.STATE_RANK, StateRank.of(state))
                    .append(TrialDoc.PARAMS, new Document("x", x).append("lr", lr).append("layers", layers)
                            .append("optimizer", optimizer))
                    .append(TrialDoc.SEED, 1000L + n).append(TrialDoc.PRUNING, true)
                    .append(TrialDoc.SCHEDULED_AT, new Date(started - 10)).append(TrialDoc.TRAINER_ID, "trainer-" + trainer)
                    .append(TrialDoc.STARTED_AT, new Date(started)).append(TrialDoc.LAST_EPOCH, lastEpoch)
                    .append(TrialDoc.FINISHED_AT, new Date(finished));
            if (state == TrialState.COMPLETE) {
                doc.append(TrialDoc.VALUES, List.of(loss)).append(TrialDoc.VALUE, loss)
                        .append(TrialDoc.METRICS, new Document("loss", loss)).append(TrialDoc.EPOCHS, epochs);
            } else if (state == TrialState.PRUNED) {
                doc.append(TrialDoc.VALUES, List.of(last)).append(TrialDoc.PRUNED_AT_EPOCH, lastEpoch);
            } else {
                doc.append(TrialDoc.REASON, "objective returned NaN");
            }
            batch.add(doc);
            epochBatch.add(new Document(TrialEpochsDoc.ID, TrialDoc.id(studyId, n)).append(TrialEpochsDoc.STUDY_ID, studyId)
                    .append(TrialEpochsDoc.NUMBER, n).append(TrialEpochsDoc.INTERMEDIATE, intermediate)
                    .append(TrialEpochsDoc.EPOCH_METRICS, epochMetrics));
            if (batch.size() == 500) {
                database.trials().insertMany(batch, new InsertManyOptions().ordered(false));
                database.trialEpochs().insertMany(epochBatch, new InsertManyOptions().ordered(false));
                batch.clear();
                epochBatch.clear();
            }
        }
        if (!batch.isEmpty()) {
            database.trials().insertMany(batch);
            database.trialEpochs().insertMany(epochBatch);
        }
    }
}

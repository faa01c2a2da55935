package io.hyperstream.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.cli.stack.LocalStack;
import io.hyperstream.cli.stack.ServiceProcess;
import io.hyperstream.cli.study.StudySubmitter;
import io.hyperstream.model.Json;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.spec.StudySpecReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pruning through the whole system: five good trials and one deliberately bad one (all enqueued,
 * so the test knows which is which) run on two trainers with a median pruner. The bad trial is
 * pruned once the warm-up is over; the good ones complete; every epoch report gets one verdict.
 */
class PruningEndToEndTest {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final int EPOCHS = 6;
    private static final int BAD = 5;

    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        Path home = Path.of(System.getProperty("hyperstream.home", "..")).toAbsolutePath().normalize();
        stack = new LocalStack(LocalStack.Config.temporary(home, 2, new PrintWriter(System.out, true))
                .withPorts(LocalStack.PortChoice.ANY)).start();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aDeliberatelyBadTrialIsPrunedWhileTheGoodOnesComplete() throws Exception {
        String studyId = "e2e-pruning-" + UUID.randomUUID().toString().substring(0, 8);
        // Five times one of Branin's minima (0.397887: equal values, none worse than the others' median),
        // then a point far off (308.1).
        StudySubmitter.submit(stack.bootstrapServers(), TOPICS, studyId, StudySpecReader.read("""
                name: e2e-pruning
                direction: minimize
                search_space:
                  - {name: x0, type: float, low: -5, high: 10}
                  - {name: x1, type: float, low: 0, high: 15}
                sampler: {type: random, seed: 3}
                pruner: {type: median, options: {n_startup_trials: 2, n_warmup_steps: 2, min_reports: 3}}
                objective: {kind: synthetic, settings: {function: branin, epoch_delay_ms: 50}, metric: value, max_epochs: %d}
                budget: {n_trials: 6, parallelism: 2}
                enqueue_trials:
                  - {x0: 3.141592653589793, x1: 2.275}
                  - {x0: 3.141592653589793, x1: 2.275}
                  - {x0: 3.141592653589793, x1: 2.275}
                  - {x0: 3.141592653589793, x1: 2.275}
                  - {x0: 3.141592653589793, x1: 2.275}
                  - {x0: -5, x1: 0}
                """.formatted(EPOCHS)));
        List<JsonNode> events = new ArrayList<>();
        List<JsonNode> verdicts = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            await().atMost(Duration.ofSeconds(180)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode node = Json.read(r.value(), JsonNode.class);
                    if (studyId.equals(node.path("studyId").asText())) {
                        (r.topic().equals(TOPICS.pruneVerdicts()) ? verdicts : events).add(node);
                    }
                }
                return !ofType(events, "StudyCompleted").isEmpty()
                        && verdicts.size() >= ofType(events, "EpochReported").size();
            });
        }

        List<JsonNode> pruned = ofType(events, "TrialPruned");
        assertThat(pruned).singleElement().satisfies(p -> assertThat(p.get("trialNumber").asInt()).isEqualTo(BAD));
        int prunedAt = pruned.get(0).get("epoch").asInt();
        assertThat(prunedAt).isBetween(2, EPOCHS - 1);
        assertThat(ofType(events, "TrialCompleted")).extracting(e -> e.get("trialNumber").asInt())
                .containsExactlyInAnyOrder(0, 1, 2, 3, 4);

        // One verdict per report, keyed for the trial that reported it: "go on" until the bad trial is pruned.
        List<JsonNode> reports = ofType(events, "EpochReported");
        assertThat(verdicts).hasSameSizeAs(reports);
        for (JsonNode report : reports) {
            assertThat(verdicts).filteredOn(v -> v.get("trialNumber").asInt() == report.get("trialNumber").asInt()
                    && v.get("epoch").asInt() == report.get("epoch").asInt()).hasSize(1);
        }
        assertThat(verdicts).filteredOn(v -> v.get("prune").asBoolean()).singleElement().satisfies(v -> {
            assertThat(v.get("trialNumber").asInt()).isEqualTo(BAD);
            assertThat(v.get("epoch").asInt()).isEqualTo(prunedAt);
            assertThat(v.get("reason").asText()).startsWith("best value ").contains("is worse than the median");
        });
        assertThat(verdicts).filteredOn(v -> v.get("trialNumber").asInt() == BAD && v.get("epoch").asInt() == 1)
                .singleElement().satisfies(v -> assertThat(v.get("reason").asText())
                        .isEqualTo("warm-up: step 1 < n_warmup_steps 2"));

        // The pruner's own figures for the study.
        JsonNode figures = get(prunerUrl() + "/api/pruner/studies/" + studyId);
        assertThat(figures.get("verdicts").asInt()).isEqualTo(reports.size());
        assertThat(figures.get("pruned").asInt()).isEqualTo(1);
        assertThat(figures.get("latencyMsP99").isNumber()).isTrue();
        assertThat(stack.deadService()).isEmpty();
    }

    private static String prunerUrl() {
        return "http://127.0.0.1:" + stack.services().stream().filter(s -> s.name().equals("pruner-service"))
                .findFirst().map(ServiceProcess::port).orElseThrow();
    }

    private static KafkaConsumer<String, String> consumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-pruning-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(TOPICS.studyEvents(), TOPICS.trialEvents(), TOPICS.pruneVerdicts()));
        return consumer;
    }

    private static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> type.equals(e.path("type").asText())).toList();
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return Json.read(response.body(), JsonNode.class);
    }
}

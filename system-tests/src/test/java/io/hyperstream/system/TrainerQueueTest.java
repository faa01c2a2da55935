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
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The trainers' work queue in the whole system: the four services and two trainer processes on a
 * real broker and store. Real DL4J trials on fetal_health, one pruned by the pruner's verdict;
 * then a trainer killed in the middle of a trial, which the other trainer runs again as attempt 2.
 * The kill runs last: the stack keeps one trainer after it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainerQueueTest {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Set<String> TERMINAL = Set.of("TrialCompleted", "TrialPruned", "TrialFailed");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
    @Order(1)
    void twoMlpTrialsOnFetalHealthTheSecondPrunedByTheVerdictOnItsFirstEpoch() throws Exception {
        String studyId = "e2e-fetal-" + UUID.randomUUID().toString().substring(0, 8);
        // A good configuration, then one that cannot learn (SGD at 1e-6): the median pruner, which
        // judges from the first complete trial on, prunes the second after its first epoch.
        // parallelism 1 makes the order certain: the second trial is scheduled once the first is complete.
        var spec = StudySpecReader.read("""
                name: e2e-fetal
                direction: maximize
                search_space:
                  - {name: lr, type: float, low: 0.000001, high: 0.1, log: true}
                  - {name: optimizer, type: categorical, choices: [sgd, adam]}
                enqueue_trials:
                  - {lr: 0.01, optimizer: adam}
                  - {lr: 0.000001, optimizer: sgd}
                sampler: {type: random, seed: 3}
                pruner: {type: median, options: {n_startup_trials: 1, min_reports: 1}}
                objective:
                  kind: mlp-classifier
                  settings: {dataset: fetal_health.csv, target: fetal_health, class_weight: balanced,
                             n_layers: 1, n_units_l0: 8, batch_size: 64}
                  metric: balanced_accuracy
                  max_epochs: 3
                budget: {n_trials: 2, parallelism: 1}
                """);
        List<JsonNode> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(TOPICS.studyEvents(), TOPICS.trialEvents(),
                TOPICS.pruneVerdicts())) {
            StudySubmitter.submit(stack.bootstrapServers(), TOPICS, studyId, spec);
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                drain(consumer, events);
                return !ofType(events, studyId, "StudyCompleted").isEmpty();
            });
        }

        JsonNode completed = only(ofType(events, studyId, "TrialCompleted"));
        assertThat(completed.get("trialNumber").asInt()).isEqualTo(0);
        assertThat(completed.get("epochs").asInt()).isEqualTo(3);
        assertThat(completed.at("/metrics/null_accuracy").asDouble()).isCloseTo(1655.0 / 2126, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(completed.at("/values/0").asDouble()).isEqualTo(completed.at("/metrics/balanced_accuracy").asDouble());

        JsonNode pruned = only(ofType(events, studyId, "TrialPruned"));
        assertThat(pruned.get("trialNumber").asInt()).isEqualTo(1);
        assertThat(pruned.get("epoch").asInt()).isEqualTo(1);
        JsonNode verdict = only(ofType(events, studyId, "PruneVerdict").stream()
                .filter(v -> v.get("trialNumber").asInt() == 1).toList());
        assertThat(verdict.get("prune").asBoolean()).isTrue();
        assertThat(verdict.get("epoch").asInt()).isEqualTo(1);
        assertThat(verdict.get("reason").asText()).contains("worse than the median");
        // Trial 1 ran one epoch, on a trainer of the stack, as its first attempt.
        List<JsonNode> epochs1 = ofType(events, studyId, "EpochReported").stream()
                .filter(e -> e.get("trialNumber").asInt() == 1).toList();
        assertThat(epochs1).hasSize(1);
        assertThat(ofType(events, studyId, "TrialStarted")).extracting(e -> e.get("trainerId").asText())
                .allMatch(id -> id.equals("trainer-1") || id.equals("trainer-2"));
        assertThat(ofType(events, studyId, "TrialStarted")).extracting(e -> e.get("attempt").asInt()).containsOnly(1);
        assertThat(only(ofType(events, studyId, "StudyCompleted")).get("finishedTrials").asInt()).isEqualTo(2);

        JsonNode api = awaitStudy(studyId, 2);
        assertThat(api.at("/counts/complete").asLong()).isEqualTo(1);
        assertThat(api.at("/counts/pruned").asLong()).isEqualTo(1);
        JsonNode trial1 = get("/api/studies/" + studyId + "/trials/1");
        assertThat(trial1.get("state").asText()).isEqualTo("PRUNED");
        assertThat(trial1.get("prunedAtEpoch").asInt()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aTrialWhoseTrainerIsKilledIsFinishedByTheOtherAsAttempt2() throws Exception {
        String studyId = "e2e-kill-" + UUID.randomUUID().toString().substring(0, 8);
        int nTrials = 6;
        var spec = StudySpecReader.read("""
                name: e2e-kill
                direction: minimize
                search_space:
                  - {name: x0, type: float, low: -5, high: 10}
                  - {name: x1, type: float, low: 0, high: 15}
                sampler: {type: random, seed: 11}
                pruner: {type: none}
                objective: {kind: synthetic, settings: {function: branin, epoch_delay_ms: 400}, metric: value, max_epochs: 8}
                budget: {n_trials: %d, parallelism: 2}
                """.formatted(nTrials));
        List<JsonNode> events = new ArrayList<>();
        String killed;
        int victim;
        try (KafkaConsumer<String, String> consumer = consumer(TOPICS.studyEvents(), TOPICS.trialEvents())) {
            StudySubmitter.submit(stack.bootstrapServers(), TOPICS, studyId, spec);

            // Mid-trial: a trial with two epochs reported and no end yet; its trainer is killed (SIGKILL).
            JsonNode[] running = new JsonNode[1];
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                drain(consumer, events);
                running[0] = midTrial(events, studyId);
                return running[0] != null;
            });
            killed = running[0].get("trainerId").asText();
            victim = running[0].get("trialNumber").asInt();
            ServiceProcess trainer = stack.services().stream().filter(s -> s.name().equals(killed)).findFirst()
                    .orElseThrow();
            ProcessHandle.of(trainer.pid()).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(10)).until(() -> !trainer.isAlive());

            await().atMost(Duration.ofSeconds(60)).until(() -> {
                drain(consumer, events);
                return !ofType(events, studyId, "StudyCompleted").isEmpty();
            });
        }

        // Exactly the budget: every trial ended once.
        List<JsonNode> ends = events.stream().filter(e -> studyId.equals(e.path("studyId").asText())
                && TERMINAL.contains(e.path("type").asText())).toList();
        assertThat(ends.stream().map(e -> e.get("trialNumber").asInt()).sorted().toList())
                .isEqualTo(IntStream.range(0, nTrials).boxed().toList());
        assertThat(ends).extracting(e -> e.get("type").asText()).containsOnly("TrialCompleted");
        assertThat(only(ofType(events, studyId, "StudyCompleted")).get("finishedTrials").asInt()).isEqualTo(nTrials);

        // The killed trainer's trial: started again by the other trainer as attempt 2, which ended it.
        String survivor = killed.equals("trainer-1") ? "trainer-2" : "trainer-1";
        List<JsonNode> starts = ofType(events, studyId, "TrialStarted").stream()
                .filter(e -> e.get("trialNumber").asInt() == victim).toList();
        assertThat(starts).extracting(e -> e.get("trainerId").asText() + "#" + e.get("attempt").asInt())
                .containsExactly(killed + "#1", survivor + "#2");
        JsonNode end = ends.stream().filter(e -> e.get("trialNumber").asInt() == victim).findFirst().orElseThrow();
        assertThat(end.get("trainerId").asText()).isEqualTo(survivor);
        assertThat(end.get("attempt").asInt()).isEqualTo(2);
        assertThat(end.get("epochs").asInt()).isEqualTo(8);
        // Every other trial ran once.
        Map<Integer, Long> startsPerTrial = ofType(events, studyId, "TrialStarted").stream()
                .collect(Collectors.groupingBy(e -> e.get("trialNumber").asInt(), Collectors.counting()));
        startsPerTrial.forEach((trial, count) -> assertThat(count).as("starts of trial " + trial)
                .isEqualTo(trial == victim ? 2L : 1L));

        JsonNode api = awaitStudy(studyId, nTrials);
        assertThat(api.at("/counts/complete").asLong()).isEqualTo(nTrials);
        JsonNode detail = get("/api/studies/" + studyId + "/trials/" + victim);
        assertThat(detail.get("attempt").asInt()).isEqualTo(2);
        assertThat(detail.get("trainerId").asText()).isEqualTo(survivor);
    }

    /** A trial of the study with two epochs reported by its trainer and no end yet, or null. */
    private static JsonNode midTrial(List<JsonNode> events, String studyId) {
        for (JsonNode started : ofType(events, studyId, "TrialStarted")) {
            int trial = started.get("trialNumber").asInt();
            List<JsonNode> ofTrial = events.stream().filter(e -> studyId.equals(e.path("studyId").asText())
                    && e.path("trialNumber").asInt(-1) == trial).toList();
            long epochs = ofTrial.stream().filter(e -> e.get("type").asText().equals("EpochReported")).count();
            boolean ended = ofTrial.stream().anyMatch(e -> TERMINAL.contains(e.get("type").asText()));
            if (epochs >= 2 && !ended) {
                return started;
            }
        }
        return null;
    }

    private static KafkaConsumer<String, String> consumer(String... topics) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topics));
        return consumer;
    }

    private static void drain(KafkaConsumer<String, String> consumer, List<JsonNode> events) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            events.add(Json.read(record.value(), JsonNode.class));
        }
    }

    private static List<JsonNode> ofType(List<JsonNode> events, String studyId, String type) {
        return events.stream().filter(e -> studyId.equals(e.path("studyId").asText()) && type.equals(e.path("type").asText()))
                .toList();
    }

    private static JsonNode only(List<JsonNode> nodes) {
        assertThat(nodes).hasSize(1);
        return nodes.get(0);
    }

    private static JsonNode awaitStudy(String studyId, int finishedTrials) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last[0] = get("/api/studies/" + studyId);
            return last[0] != null && "COMPLETE".equals(last[0].path("state").asText())
                    && last[0].at("/counts/finished").asLong() == finishedTrials;
        });
        return last[0];
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Json.read(response.body(), JsonNode.class) : null;
    }
}

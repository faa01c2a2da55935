package io.hyperstream.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.cli.stack.LocalStack;
import io.hyperstream.cli.study.StudySubmitter;
import io.hyperstream.model.Json;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.model.spec.StudySpecReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole system as users run it: a real Kafka broker and MongoDB-protocol store, the four
 * services and two trainers as separate processes. A 20-trial study runs to the end while a
 * malformed message and an invalid study arrive in the middle of it.
 */
class EndToEndTest {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final int N_TRIALS = 20;

    private static LocalStack stack;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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

    private static StudySpec study() {
        return StudySpecReader.read("""
                name: e2e-branin
                direction: minimize
                search_space:
                  - {name: x0, type: float, low: -5, high: 10}
                  - {name: x1, type: float, low: 0, high: 15}
                sampler: {type: random, seed: 7}
                pruner: {type: median, options: {n_startup_trials: 3, n_warmup_steps: 2}}
                objective: {kind: synthetic, settings: {function: branin, epoch_delay_ms: 30}, metric: value, max_epochs: 8}
                budget: {n_trials: %d, parallelism: 3}
                """.formatted(N_TRIALS));
    }

    @Test
    void aStudyRunsThroughAllServicesWhileBadSubmissionsAreRejected() throws Exception {
        String studyId = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String badId = "e2e-bad-" + UUID.randomUUID().toString().substring(0, 8);
        List<JsonNode> events = new ArrayList<>();
        List<JsonNode> deadLetters = new ArrayList<>();

        try (KafkaConsumer<String, String> consumer = consumer();
             KafkaProducer<String, String> raw = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                     new StringSerializer(), new StringSerializer())) {
            StudySubmitter.submit(stack.bootstrapServers(), TOPICS, studyId, study());

            // In the middle of the study: a message that is no study command, and an invalid study.
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                drain(consumer, events, deadLetters);
                return finished(events, studyId).size() >= 3;
            });
            raw.send(new ProducerRecord<>(TOPICS.studyCommands(), "garbage", "{this is not json")).get();
            String invalid = Json.write(io.hyperstream.model.event.StudySubmitted.of(badId, study()))
                    .replace("\"low\":-5.0", "\"low\":50.0");
            raw.send(new ProducerRecord<>(TOPICS.studyCommands(), badId, invalid)).get();

            await().atMost(Duration.ofSeconds(120)).until(() -> {
                drain(consumer, events, deadLetters);
                return ofType(events, studyId, "StudyCompleted").size() == 1 && !ofType(events, badId, "StudyRejected").isEmpty()
                        && deadLetters.stream().anyMatch(d -> d.path("payload").asText().equals("{this is not json"));
            });
        }

        // Exactly the budget: trials 0..19, each finished once.
        List<JsonNode> ends = finished(events, studyId);
        assertThat(ends.stream().map(e -> e.get("trialNumber").asInt()).sorted().toList())
                .isEqualTo(IntStream.range(0, N_TRIALS).boxed().toList());
        assertThat(ofType(events, studyId, "TrialScheduled")).hasSize(N_TRIALS);
        JsonNode completed = ofType(events, studyId, "StudyCompleted").get(0);
        assertThat(completed.get("finishedTrials").asInt()).isEqualTo(N_TRIALS);

        // Both trainers took part.
        Set<String> trainers = ofType(events, studyId, "TrialStarted").stream()
                .map(e -> e.get("trainerId").asText()).collect(Collectors.toSet());
        assertThat(trainers).hasSize(2);

        // The bad inputs: a clear rejection and a dead letter; neither disturbed the study.
        assertThat(ofType(events, badId, "StudyRejected").get(0).get("reason").asText())
                .contains("low <= high must hold, but got low=50.0, high=10.0");
        JsonNode letter = deadLetters.stream().filter(d -> d.path("payload").asText().equals("{this is not json"))
                .findFirst().orElseThrow();
        assertThat(letter.get("service").asText()).isEqualTo("sampler-service");
        assertThat(letter.get("error").asText()).isNotBlank();

        // The API agrees with the events.
        Map<String, Long> byState = ends.stream().collect(Collectors.groupingBy(
                e -> switch (e.get("type").asText()) {
                    case "TrialCompleted" -> "COMPLETE";
                    case "TrialPruned" -> "PRUNED";
                    default -> "FAIL";
                }, Collectors.counting()));
        double bestValue = ofType(events, studyId, "TrialCompleted").stream()
                .mapToDouble(e -> e.get("values").get(0).asDouble()).min().orElseThrow();
        JsonNode api = awaitStudy(studyId, "COMPLETE", N_TRIALS);
        assertThat(api.at("/counts/complete").asLong()).isEqualTo(byState.getOrDefault("COMPLETE", 0L));
        assertThat(api.at("/counts/pruned").asLong()).isEqualTo(byState.getOrDefault("PRUNED", 0L));
        assertThat(api.at("/counts/fail").asLong()).isEqualTo(byState.getOrDefault("FAIL", 0L));
        assertThat(api.at("/best/values/0").asDouble()).isEqualTo(bestValue);
        JsonNode page = get("/api/studies/" + studyId + "/trials?page=0&size=50");
        assertThat(page.get("total").asLong()).isEqualTo(N_TRIALS);
        JsonNode rejected = awaitStudy(badId, "REJECTED", 0);
        assertThat(rejected.get("reason").asText()).contains("low <= high must hold");
        assertThat(stack.deadService()).isEmpty();
    }

    private static KafkaConsumer<String, String> consumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(TOPICS.studyEvents(), TOPICS.trials(), TOPICS.trialEvents(), TOPICS.deadLetters()));
        return consumer;
    }

    private static void drain(KafkaConsumer<String, String> consumer, List<JsonNode> events, List<JsonNode> deadLetters) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            JsonNode node = Json.read(record.value(), JsonNode.class);
            (record.topic().equals(TOPICS.deadLetters()) ? deadLetters : events).add(node);
        }
    }

    private static List<JsonNode> ofType(List<JsonNode> events, String studyId, String type) {
        return events.stream().filter(e -> studyId.equals(e.path("studyId").asText()) && type.equals(e.path("type").asText()))
                .toList();
    }

    private static List<JsonNode> finished(List<JsonNode> events, String studyId) {
        Set<String> terminal = new HashSet<>(List.of("TrialCompleted", "TrialPruned", "TrialFailed"));
        return events.stream().filter(e -> studyId.equals(e.path("studyId").asText()) && terminal.contains(e.path("type").asText()))
                .toList();
    }

    private static JsonNode awaitStudy(String studyId, String state, int finishedTrials) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last[0] = get("/api/studies/" + studyId);
            return last[0] != null && state.equals(last[0].path("state").asText())
                    && last[0].at("/counts/complete").asLong() + last[0].at("/counts/pruned").asLong()
                    + last[0].at("/counts/fail").asLong() == finishedTrials;
        });
        return last[0];
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Json.read(response.body(), JsonNode.class) : null;
    }
}

package io.hyperstream.pruner.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.model.Json;
import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.model.kafka.JsonSerializer;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.model.spec.StudySpecReader;
import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.hyperstream.testsupport.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service on a real broker: events in on the study-events and trial-events topics, verdicts and dead letters out. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class PrunerServiceTest {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Trial events that must be read in a known order go to this partition. */
    private static final int PARTITION = 1;

    private KafkaProducer<String, Object> producer;
    private KafkaProducer<String, String> rawProducer;
    private TopicReader verdicts;
    private TopicReader deadLetters;

    @BeforeEach
    void connect() {
        String bootstrap = TestInfrastructure.shared().bootstrapServers();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new JsonSerializer());
        rawProducer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        verdicts = new TopicReader(bootstrap, TOPICS.pruneVerdicts());
        deadLetters = new TopicReader(bootstrap, TOPICS.deadLetters());
    }

    @AfterEach
    void close() {
        producer.close();
        rawProducer.close();
        verdicts.close();
        deadLetters.close();
    }

    @Test
    void prunesAClearlyWorseTrialAndKeepsAGoodOne() {
        String study = "prune-" + UUID.randomUUID();
        accept(study, "{type: median, options: {n_startup_trials: 2, n_warmup_steps: 0, min_reports: 2}}");
        // Trials 0 and 1 report 10-epoch-trial at epochs 1..3 and complete: at epoch 1 they reported 9 and 8.
        for (int trial = 0; trial < 2; trial++) {
            send(study, new TrialStarted(Events.newId(), study, trial, Events.now(), "trainer-a", Map.of("x", 0.5)));
            for (int epoch = 1; epoch <= 3; epoch++) {
                report(study, trial, epoch, 10 - epoch - trial);
            }
            send(study, new TrialCompleted(Events.newId(), study, trial, Events.now(), "trainer-a",
                    List.of(7.0 - trial), Map.of("value", 7.0 - trial), 3));
        }
        report(study, 2, 1, 50);
        report(study, 3, 1, 1);

        JsonNode bad = verdictFor(study, 2, 1);
        JsonNode good = verdictFor(study, 3, 1);

        assertThat(bad.get("prune").asBoolean()).as(bad.toString()).isTrue();
        assertThat(bad.get("reason").asText()).isEqualTo(
                "best value 50 up to step 1 is worse than the median 8.5 of 2 other trials at that step (minimize)");
        assertThat(good.get("prune").asBoolean()).as(good.toString()).isFalse();
        assertThat(good.get("reason").asText()).isEqualTo(
                "best value 1 up to step 1 is not worse than the median 9 of 3 other trials at that step (minimize)");
        // The first two trials ran during start-up: every one of their reports was answered "go on".
        await().atMost(WAIT).until(() -> verdicts.poll(v -> study.equals(v.get("studyId").asText())).size() == 8);
        List<JsonNode> startUp = verdicts.seen(v -> study.equals(v.get("studyId").asText()) && v.get("trialNumber").asInt() < 2);
        assertThat(startUp).hasSize(6).allSatisfy(v -> {
            assertThat(v.get("prune").asBoolean()).isFalse();
            assertThat(v.get("reason").asText()).startsWith("start-up: ");
        });

        JsonNode status = Json.read(given().get("/api/pruner").then().statusCode(200).extract().asString(), JsonNode.class);
        assertThat(status.get("verdicts").asLong()).isGreaterThanOrEqualTo(8);
        assertThat(status.get("latencyMsP50").isNumber()).as(status.toString()).isTrue();
        JsonNode figures = Json.read(given().get("/api/pruner/studies/" + study).then().statusCode(200).extract().asString(),
                JsonNode.class);
        assertThat(figures.get("verdicts").asLong()).isEqualTo(8);
        assertThat(figures.get("pruned").asLong()).isEqualTo(1);
        assertThat(figures.get("latencyMsP99").asDouble()).isGreaterThanOrEqualTo(figures.get("latencyMsP50").asDouble());
        given().get("/api/pruner/studies/no-such-study").then().statusCode(404);
    }

    @Test
    void aStudyWithoutPruningGetsNoVerdictsAndAnUnknownStudyGetsGoOn() {
        String quiet = "no-pruning-" + UUID.randomUUID();
        String unknown = "unknown-" + UUID.randomUUID();
        accept(quiet, "{type: none}");
        report(quiet, 0, 1, 3);
        report(quiet, 0, 2, 2);
        // Read after the reports above (same partition): once its verdict is out, theirs would be too.
        report(unknown, 0, 1, 3);

        JsonNode verdict = verdictFor(unknown, 0, 1);
        assertThat(verdict.get("prune").asBoolean()).isFalse();
        assertThat(verdict.get("reason").asText()).isEqualTo("study unknown to the pruner");
        verdicts.readToEnd();
        assertThat(verdicts.seen(v -> quiet.equals(v.get("studyId").asText()))).isEmpty();
    }

    @Test
    void badPrunerOptionsAreAnsweredGoOnWithTheReason() {
        String study = "bad-options-" + UUID.randomUUID();
        accept(study, "{type: median, options: {n_warmup: 2}}");
        report(study, 0, 1, 3);

        JsonNode verdict = verdictFor(study, 0, 1);
        assertThat(verdict.get("prune").asBoolean()).isFalse();
        assertThat(verdict.get("reason").asText())
                .startsWith("the pruner could not be built: pruner.options.n_warmup is not an option of the median pruner");
    }

    @Test
    void malformedTrialEventsAreDeadLetteredAndTheServiceGoesOn() {
        String study = "poison-" + UUID.randomUUID();
        accept(study, "{type: median, options: {n_startup_trials: 0}}");
        String broken = "{\"type\":\"EpochReported\",\"broken";
        String noValue = Json.write(new EpochReported(Events.newId(), study, 0, Events.now(), "t", 1, List.of(), Map.of()));
        sendRaw(study, broken);
        sendRaw(study, noValue);
        report(study, 0, 1, 3);

        assertThat(verdictFor(study, 0, 1).get("reason").asText())
                .isEqualTo("0 other trials reported step 1, fewer than n_min_trials 1");
        await().atMost(WAIT).until(() -> deadLetters.poll(d -> study.equals(d.path("studyId").asText())).size() == 2);
        List<JsonNode> letters = deadLetters.seen(d -> study.equals(d.path("studyId").asText()));
        assertThat(letters).extracting(d -> d.get("payload").asText()).containsExactly(broken, noValue);
        assertThat(letters).allSatisfy(d -> {
            assertThat(d.get("type").asText()).isEqualTo("DeadLetter");
            assertThat(d.get("service").asText()).isEqualTo("pruner-service");
            assertThat(d.get("sourceTopic").asText()).isEqualTo(TOPICS.trialEvents());
            assertThat(d.get("partition").asInt()).isEqualTo(PARTITION);
        });
        assertThat(letters.get(0).get("error").asText()).isNotBlank();
        assertThat(letters.get(1).get("error").asText())
                .isEqualTo("values: an epoch report needs one objective value per study direction, but got []");
        assertThat(letters.get(1).get("offset").asLong()).isEqualTo(letters.get(0).get("offset").asLong() + 1);
    }

    // ---------------------------------------------------------------------------------------

    private static StudySpec spec(String pruner) {
        return StudySpecReader.read("""
                name: p
                search_space: [{name: x, type: float, low: 0, high: 1}]
                pruner: %s
                objective: {kind: synthetic, max_epochs: 3}
                budget: {n_trials: 10}
                """.formatted(pruner));
    }

    /** Publishes StudyAccepted and waits until the pruner lists the study. */
    private void accept(String study, String pruner) {
        try {
            producer.send(new ProducerRecord<>(TOPICS.studyEvents(), study,
                    new StudyAccepted(Events.newId(), study, Events.now(), spec(pruner)))).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        await().atMost(WAIT).until(() -> given().get("/api/pruner").then().extract().asString().contains(study));
    }

    private void send(String key, Object event) {
        try {
            producer.send(new ProducerRecord<>(TOPICS.trialEvents(), PARTITION, key, event)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void sendRaw(String key, String payload) {
        try {
            rawProducer.send(new ProducerRecord<>(TOPICS.trialEvents(), PARTITION, key, payload)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void report(String studyId, int trial, int epoch, double value) {
        send(studyId, new EpochReported(Events.newId(), studyId, trial, Events.now(), "trainer-a", epoch,
                List.of(value), Map.of("value", value)));
    }

    private JsonNode verdictFor(String studyId, int trial, int epoch) {
        Predicate<JsonNode> match = v -> v.get("studyId").asText().equals(studyId)
                && v.get("trialNumber").asInt() == trial && v.get("epoch").asInt() == epoch;
        await().atMost(WAIT).until(() -> !verdicts.poll(match).isEmpty());
        return verdicts.seen(match).get(0);
    }

    /** Reads a whole topic from its beginning, without a consumer group, keeping every record seen. */
    private static final class TopicReader implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final List<TopicPartition> partitions;
        private final List<JsonNode> seen = new ArrayList<>();

        TopicReader(String bootstrap, String topic) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
            partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Polls once; returns every record seen so far that matches. */
        List<JsonNode> poll(Predicate<JsonNode> match) {
            consumer.poll(Duration.ofMillis(100)).forEach(r -> seen.add(Json.read(r.value(), JsonNode.class)));
            return seen(match);
        }

        List<JsonNode> seen(Predicate<JsonNode> match) {
            return seen.stream().filter(match).toList();
        }

        /** Reads up to the current end of every partition. */
        void readToEnd() {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(WAIT).until(() -> {
                poll(v -> true);
                return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}

package io.hyperstream.pruner.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.model.Json;
import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.TrialCompleted;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class PrunerServiceTest {

    private static final TopicNames TOPICS = TopicNames.defaults();

    private KafkaProducer<String, Object> producer;
    private KafkaConsumer<String, String> verdicts;
    private KafkaConsumer<String, String> deadLetters;
    private final List<JsonNode> seenVerdicts = new ArrayList<>();
    private final List<JsonNode> seenDeadLetters = new ArrayList<>();

    @BeforeEach
    void connect() {
        String bootstrap = TestInfrastructure.shared().bootstrapServers();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new JsonSerializer());
        verdicts = consumer(bootstrap, TOPICS.pruneVerdicts());
        deadLetters = consumer(bootstrap, TOPICS.deadLetters());
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap, String topic) {
        KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        c.subscribe(List.of(topic));
        return c;
    }

    @AfterEach
    void close() {
        producer.close();
        verdicts.close();
        deadLetters.close();
    }

    private static StudySpec spec(String pruner) {
        return StudySpecReader.read("""
                name: p
                search_space: [{name: x, type: float, low: 0, high: 1}]
                pruner: %s
                objective: {kind: synthetic, max_epochs: 3}
                budget: {n_trials: 10}
                """.formatted(pruner));
    }

    private void send(String topic, String key, Object value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void report(String studyId, int trial, int epoch, double value) {
        send(TOPICS.trialEvents(), studyId, new EpochReported(Events.newId(), studyId, trial, Events.now(), "t",
                epoch, List.of(value), Map.of("value", value)));
    }

    private JsonNode verdictFor(String studyId, int trial, int epoch) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            verdicts.poll(Duration.ofMillis(100)).forEach(r -> seenVerdicts.add(Json.read(r.value(), JsonNode.class)));
            return find(studyId, trial, epoch) != null;
        });
        return find(studyId, trial, epoch);
    }

    private JsonNode find(String studyId, int trial, int epoch) {
        return seenVerdicts.stream().filter(v -> v.get("studyId").asText().equals(studyId)
                && v.get("trialNumber").asInt() == trial && v.get("epoch").asInt() == epoch).findFirst().orElse(null);
    }

    @Test
    void prunesAClearlyWorseTrialAndKeepsAGoodOne() {
        String study = "prune-" + UUID.randomUUID();
        send(TOPICS.studyEvents(), study, new StudyAccepted(Events.newId(), study, Events.now(),
                spec("{type: median, options: {n_startup_trials: 2}}")));
        for (int trial = 0; trial < 2; trial++) {
            for (int epoch = 1; epoch <= 3; epoch++) {
                report(study, trial, epoch, 10 - epoch - trial);
                verdictFor(study, trial, epoch);
            }
            send(TOPICS.trialEvents(), study, new TrialCompleted(Events.newId(), study, trial, Events.now(), "t",
                    List.of(7.0 - trial), Map.of(), 3));
        }

        report(study, 2, 1, 50);
        JsonNode bad = verdictFor(study, 2, 1);
        report(study, 3, 1, 1);
        JsonNode good = verdictFor(study, 3, 1);

        assertThat(bad.get("prune").asBoolean()).as(bad.toString()).isTrue();
        assertThat(bad.get("reason").asText()).contains("median");
        assertThat(good.get("prune").asBoolean()).as(good.toString()).isFalse();
    }

    @Test
    void malformedEventsAreDeadLetteredAndTheServiceGoesOn() {
        String study = "poison-" + UUID.randomUUID();
        send(TOPICS.trialEvents(), study, "{\"type\":\"EpochReported\",\"broken");
        send(TOPICS.studyEvents(), study, new StudyAccepted(Events.newId(), study, Events.now(),
                spec("{type: median, options: {n_startup_trials: 0}}")));
        report(study, 0, 1, 3);

        assertThat(verdictFor(study, 0, 1).get("prune").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (ConsumerRecord<String, String> r : deadLetters.poll(Duration.ofMillis(100))) {
                seenDeadLetters.add(Json.read(r.value(), JsonNode.class));
            }
            return seenDeadLetters.stream().anyMatch(d -> study.equals(d.path("studyId").asText()));
        });
        JsonNode letter = seenDeadLetters.stream().filter(d -> study.equals(d.path("studyId").asText())).findFirst().orElseThrow();
        assertThat(letter.get("service").asText()).isEqualTo("pruner-service");
        assertThat(letter.get("sourceTopic").asText()).isEqualTo(TOPICS.trialEvents());
        assertThat(letter.get("error").asText()).isNotBlank();
    }

    @Test
    void aReportForAnUnknownStudyStillGetsAnAnswer() {
        String study = "unknown-" + UUID.randomUUID();
        report(study, 0, 1, 3);
        JsonNode verdict = verdictFor(study, 0, 1);
        assertThat(verdict.get("prune").asBoolean()).isFalse();
        assertThat(verdict.get("reason").asText()).isEqualTo("study unknown to the pruner");
    }
}

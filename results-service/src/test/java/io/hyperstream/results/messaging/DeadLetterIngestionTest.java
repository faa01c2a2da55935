package io.hyperstream.results.messaging;

import static io.hyperstream.results.ApiSupport.awaitJson;
import static io.hyperstream.results.ApiSupport.awaitOwnDeadLetter;
import static io.hyperstream.results.ApiSupport.getJson;
import static io.hyperstream.results.TopicWriter.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hyperstream.model.Json;
import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.Events;
import io.hyperstream.results.TestStudy;
import io.hyperstream.results.TopicWriter;
import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.hyperstream.testsupport.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
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

/** Malformed messages become dead letters and never stop ingestion; other services' dead letters are listed. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class DeadLetterIngestionTest {

    private static TopicWriter topics;

    @BeforeAll
    static void connect() {
        topics = new TopicWriter();
    }

    @AfterAll
    static void disconnect() {
        topics.close();
    }

    @Test
    void malformedMessagesAreDeadLetteredAndTheFollowingEventsStored() {
        TestStudy study = TestStudy.of("poison", "minimize");
        String notJson = "{not json " + UUID.randomUUID();
        String wrongType = Json.write(study.accepted());
        String missingField = "{\"type\":\"TrialStarted\",\"eventId\":\"" + UUID.randomUUID() + "\",\"studyId\":\""
                + study.id + "\",\"trialNumber\":0,\"timestamp\":\"2026-01-01T00:00:00Z\"}";
        topics.sendText(TOPICS.trialEvents(), study.id, notJson);
        topics.sendText(TOPICS.trialEvents(), study.id, wrongType);
        topics.sendText(TOPICS.trialEvents(), study.id, missingField);
        topics.sendText(TOPICS.studyEvents(), study.id, "");
        topics.sendText(TOPICS.trials(), study.trialKey(0), "[]");

        topics.send(TOPICS.studyEvents(), study.id, study.accepted());
        topics.send(TOPICS.trials(), study.trialKey(0), study.scheduled(0));
        topics.send(TOPICS.trialEvents(), study.id, study.started(0, "trainer-a"));
        awaitJson("/api/studies/" + study.id + "/trials/0",
                json -> assertThat(json.getString("state")).isEqualTo("RUNNING"));

        JsonPath letters = awaitJson("/api/dead-letters?service=results-service&size=1000",
                // The studyId of a dead letter is the record key: studyId/number on the trials topic.
                json -> assertThat(json.<String>getList("items.studyId"))
                        .filteredOn(key -> key != null && key.startsWith(study.id)).hasSize(5));
        Map<String, Object> letter = letters.getMap("items.find { it.payload == '" + notJson + "' }");
        assertThat(letter).containsEntry("service", "results-service")
                .containsEntry("sourceTopic", TOPICS.trialEvents())
                .containsEntry("studyId", study.id);
        assertThat((String) letter.get("error")).isNotBlank();
        assertThat(letter.get("offset")).isNotNull();
        assertThat(letters.getString("items.find { it.payload == '" + missingField + "' }.error"))
                .as("the error names the missing field").contains("trainerId");
        assertThat(letters.getString("items.find { it.payload == '' }.error")).isEqualTo("the message is empty");
        assertThat(letters.getString("items.find { it.payload == '[]' }.studyId")).isEqualTo(study.trialKey(0));
        assertThat(letters.getString("items.find { it.payload == '" + wrongType.replace("'", "\\'") + "' }.error"))
                .contains("StudyAccepted");

        // The copy published to the dead-letter topic carries the same eventId, so reading it back adds nothing.
        String id = (String) letter.get("eventId");
        assertThat(publishedDeadLetters(id)).singleElement()
                .satisfies(d -> assertThat(d.payload()).isEqualTo(notJson));
        String marker = "marker-" + UUID.randomUUID();
        topics.sendText(TOPICS.deadLetters(), study.id, marker);
        awaitOwnDeadLetter(marker);
        assertThat(getJson("/api/dead-letters?size=1000").getList("items.eventId")).filteredOn(id::equals).hasSize(1);
    }

    @Test
    void deadLettersOfOtherServicesAreListedOnceNewestFirst() {
        String key = "study-" + UUID.randomUUID();
        DeadLetter first = new DeadLetter(Events.newId(), key, Events.now().minusSeconds(1), "sampler-service",
                TOPICS.studyCommands(), 2, 17, "{not a command", "Unexpected character ('n')");
        DeadLetter second = new DeadLetter(Events.newId(), key, Events.now(), "pruner-service",
                TOPICS.trialEvents(), 0, 3, "??", "Unrecognized token");
        topics.send(TOPICS.deadLetters(), key, first);
        topics.send(TOPICS.deadLetters(), key, first);
        topics.send(TOPICS.deadLetters(), key, second);

        JsonPath all = awaitJson("/api/dead-letters?size=1000",
                json -> assertThat(json.getList("items.eventId")).contains(first.eventId(), second.eventId()));
        List<String> ids = all.getList("items.eventId");
        assertThat(ids).filteredOn(first.eventId()::equals).hasSize(1);
        assertThat(ids.indexOf(second.eventId())).isLessThan(ids.indexOf(first.eventId()));
        Map<String, Object> stored = all.getMap("items.find { it.eventId == '" + first.eventId() + "' }");
        assertThat(stored).containsEntry("service", "sampler-service").containsEntry("sourceTopic", TOPICS.studyCommands())
                .containsEntry("partition", 2).containsEntry("offset", 17).containsEntry("payload", "{not a command")
                .containsEntry("error", "Unexpected character ('n')").containsEntry("studyId", key);

        JsonPath sampler = getJson("/api/dead-letters?service=sampler-service&size=1000");
        assertThat(sampler.getList("items.service")).containsOnly("sampler-service");
        assertThat(sampler.getList("items.eventId")).contains(first.eventId()).doesNotContain(second.eventId());
    }

    private static List<DeadLetter> publishedDeadLetters(String eventId) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPICS.deadLetters()));
            List<DeadLetter> found = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && r.value().contains(eventId)) {
                        found.add(Json.read(r.value(), DeadLetter.class));
                    }
                }
                return !found.isEmpty();
            });
            return found;
        }
    }
}

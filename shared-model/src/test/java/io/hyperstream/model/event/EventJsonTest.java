package io.hyperstream.model.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.model.Json;
import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.model.kafka.JsonSerializer;
import io.hyperstream.model.kafka.StudyCommandDeserializer;
import io.hyperstream.model.kafka.TrialEventDeserializer;
import io.hyperstream.model.spec.StudySpecReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final Instant T = Instant.parse("2026-11-28T12:00:00.123Z");

    @Test
    void everyTrialEventRoundTripsWithItsTypeName() {
        List<TrialEvent> events = List.of(
                new TrialStarted("e1", "s", 0, T, "trainer-1", Map.of("x", 1.5)),
                new EpochReported("e2", "s", 0, T, "trainer-1", 3, List.of(0.5), Map.of("value", 0.5, "loss", 1.2)),
                new TrialCompleted("e3", "s", 0, T, "trainer-1", List.of(0.4), Map.of("value", 0.4), 10),
                new TrialPruned("e4", "s", 1, T, "trainer-2", 4, List.of(9.0)),
                new TrialFailed("e5", "s", 2, T, "trainer-2", "objective returned NaN"));
        JsonSerializer serializer = new JsonSerializer();
        try (TrialEventDeserializer deserializer = new TrialEventDeserializer()) {
            for (TrialEvent event : events) {
                byte[] bytes = serializer.serialize("t", event);
                JsonNode tree = Json.read(new String(bytes), JsonNode.class);
                assertThat(tree.get("type").asText()).isEqualTo(event.getClass().getSimpleName());
                assertThat(tree.get("eventId").asText()).isEqualTo(event.eventId());
                assertThat(tree.get("timestamp").asText()).isEqualTo("2026-11-28T12:00:00.123Z");
                assertThat(deserializer.deserialize("t", bytes)).isEqualTo(event);
            }
        }
    }

    @Test
    void trialEventsCarryTheirAttemptAndEventsWrittenWithoutOneAreFirstAttempts() {
        List<TrialEvent> retried = List.of(
                new TrialStarted("e1", "s", 7, T, "trainer-2", Map.of("x", 1.5), 2),
                new EpochReported("e2", "s", 7, T, "trainer-2", 1, List.of(0.5), Map.of("value", 0.5), 2),
                new TrialCompleted("e3", "s", 7, T, "trainer-2", List.of(0.4), Map.of(), 10, 2),
                new TrialPruned("e4", "s", 7, T, "trainer-2", 4, List.of(9.0), 3),
                new TrialFailed("e5", "s", 7, T, "trainer-3", "trial 7 was started 3 times", 4));
        for (TrialEvent event : retried) {
            String json = Json.write(event);
            assertThat(Json.read(json, JsonNode.class).get("attempt").isInt()).isTrue();
            assertThat(Json.read(json, TrialEvent.class)).isEqualTo(event);
        }

        String before = "{\"type\":\"TrialStarted\",\"eventId\":\"e\",\"studyId\":\"s\",\"trialNumber\":1,"
                + "\"timestamp\":\"2026-11-28T12:00:00Z\",\"trainerId\":\"t\",\"params\":{}}";
        assertThat(((TrialStarted) Json.read(before, TrialEvent.class)).attempt()).isEqualTo(1);
        assertThat(new EpochReported("e", "s", 0, T, "t", 1, List.of(1.0), Map.of()).attempt()).isEqualTo(1);
        assertThatThrownBy(() -> Json.read(before.replace("\"params\":{}", "\"params\":{},\"attempt\":0"),
                TrialEvent.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("attempt must be >= 1, but got 0");
    }

    @Test
    void studySubmittedCarriesTheSpecInItsOwnJsonForm() {
        var spec = StudySpecReader.read("""
                name: b
                search_space: [{name: x0, type: float, low: -5, high: 10}]
                objective: {kind: synthetic, settings: {function: branin}, max_epochs: 10}
                budget: {n_trials: 30, parallelism: 4}
                """);
        StudySubmitted submitted = new StudySubmitted("e", "b-1", T, spec);

        String json = Json.write(submitted);
        StudyCommand back = new StudyCommandDeserializer().deserialize("t", json.getBytes());

        assertThat(json).contains("\"type\":\"StudySubmitted\"").contains("\"n_trials\":30").contains("\"max_epochs\":10");
        assertThat(back).isEqualTo(submitted);
    }

    @Test
    void malformedMessagesGiveAClearError() {
        assertThatThrownBy(() -> Json.read("{not json", TrialEvent.class))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> Json.read("{\"type\":\"TrialExploded\",\"eventId\":\"e\"}", TrialEvent.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("TrialExploded");
        assertThatThrownBy(() -> Json.read(
                "{\"type\":\"TrialFailed\",\"eventId\":\"e\",\"studyId\":\"s\",\"trialNumber\":1,"
                        + "\"timestamp\":\"2026-11-28T12:00:00Z\",\"trainerId\":\"t\"}", TrialEvent.class))
                .hasMessageContaining("reason is required");
        assertThatThrownBy(() -> Json.read(
                "{\"type\":\"EpochReported\",\"eventId\":\"e\",\"studyId\":\"s\",\"trialNumber\":-1,"
                        + "\"timestamp\":\"2026-11-28T12:00:00Z\",\"trainerId\":\"t\",\"epoch\":1,\"values\":[1]}",
                TrialEvent.class))
                .hasMessageContaining("trialNumber must be >= 0, but got -1");
    }

    @Test
    void nonFiniteMetricValuesSurviveTheRoundTrip() {
        EpochReported e = new EpochReported("e", "s", 0, T, "t", 1, List.of(Double.NaN), Map.of("value", Double.POSITIVE_INFINITY));
        EpochReported back = (EpochReported) Json.read(Json.write(e), TrialEvent.class);
        assertThat(back.value()).isNaN();
        assertThat(back.metrics().get("value")).isInfinite();
    }

    @Test
    void aDuplicateRejectionSaysSoAndAnOrdinaryOneIsWrittenAsBefore() {
        StudyRejected ordinary = new StudyRejected("e1", "s", T, "bad spec");
        StudyRejected duplicate = new StudyRejected("e2", "s", T, "study id 's' is already used", true);

        assertThat(Json.write(ordinary)).doesNotContain("duplicate");
        assertThat(Json.write(duplicate)).contains("\"duplicate\":true");
        assertThat(Json.read(Json.write(ordinary), StudyEvent.class)).isEqualTo(ordinary);
        assertThat(Json.read(Json.write(duplicate), StudyEvent.class)).isEqualTo(duplicate);
        assertThat(Json.read("{\"type\":\"StudyRejected\",\"eventId\":\"e\",\"studyId\":\"s\","
                + "\"timestamp\":\"2026-11-28T12:00:00Z\",\"reason\":\"r\"}", StudyEvent.class))
                .isEqualTo(new StudyRejected("e", "s", Instant.parse("2026-11-28T12:00:00Z"), "r"));
    }
}

package io.hyperstream.sampler.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperstream.model.Json;
import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudySubmitted;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.sampler.TestSpecs;
import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.hyperstream.testsupport.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service on a real broker: commands in, study events, trials and dead letters out. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class SamplerServiceTest {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private KafkaProducer<String, String> producer;
    private TopicTail studyEvents;
    private TopicTail trials;
    private TopicTail deadLetters;

    @BeforeEach
    void connect() {
        String bootstrap = TestInfrastructure.shared().bootstrapServers();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer());
        studyEvents = new TopicTail(bootstrap, TOPICS.studyEvents());
        trials = new TopicTail(bootstrap, TOPICS.trials());
        deadLetters = new TopicTail(bootstrap, TOPICS.deadLetters());
    }

    @AfterEach
    void disconnect() {
        producer.close();
        studyEvents.close();
        trials.close();
        deadLetters.close();
    }

    @Test
    void aValidStudyIsAcceptedAndItsFirstTrialsScheduled() throws Exception {
        String studyId = uniqueId("valid");
        StudySubmitted submitted = StudySubmitted.of(studyId, TestSpecs.branin(null, 5, 3));

        send(TOPICS.studyCommands(), studyId, Json.write(submitted));

        // Trials and study events are read by two test consumers: wait for both.
        await().atMost(WAIT).until(() -> trials.study(studyId).size() >= 3 && !studyEvents.study(studyId).isEmpty());
        StudyAccepted accepted = Json.read(studyEvents.study(studyId).get(0).toString(), StudyAccepted.class);
        assertThat(accepted.spec().sampler().seed()).isNotNull();
        assertThat(accepted.spec().searchSpace()).isEqualTo(submitted.spec().searchSpace());

        List<ConsumerRecord<String, String>> scheduled = trials.records(j -> studyId.equals(j.path("studyId").asText()));
        assertThat(scheduled).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(studyId + "/0", studyId + "/1", studyId + "/2");
        TrialScheduled trial0 = trial(studyId, 0);
        assertThat(trial0.params()).containsOnlyKeys("x0", "x1");
        assertThat(trial0.pruning()).isTrue();
        assertThat(trial0.seed()).isEqualTo(10007L * accepted.spec().sampler().seed());

        // Only parallelism trials until one ends; then exactly one more.
        TimeUnit.MILLISECONDS.sleep(500);
        assertThat(trials.study(studyId)).hasSize(3);
        send(TOPICS.trialEvents(), studyId, Json.write(new TrialCompleted(Events.newId(), studyId, 0, Events.now(),
                "trainer-test", List.of(12.5), Map.of("value", 12.5), 10)));
        await().atMost(WAIT).until(() -> trials.study(studyId).size() >= 4);
        assertThat(trial(studyId, 3).studyId()).isEqualTo(studyId);
        TimeUnit.MILLISECONDS.sleep(500);
        assertThat(trials.study(studyId)).hasSize(4);
    }

    @Test
    void anInvalidSpecIsRejectedNamingTheParameter() throws Exception {
        String studyId = uniqueId("invalid");
        ObjectNode spec = TestSpecs.specJson(1L, 5, 2);
        ((ObjectNode) spec.get("search_space").get(1)).put("low", 20).put("high", 3);

        send(TOPICS.studyCommands(), studyId, submitted(studyId, spec));

        await().atMost(WAIT).until(() -> !studyEvents.study(studyId).isEmpty());
        JsonNode rejected = studyEvents.study(studyId).get(0);
        assertThat(rejected.path("type").asText()).isEqualTo("StudyRejected");
        assertThat(rejected.path("reason").asText())
                .isEqualTo("search_space[1]: parameter 'x1': low <= high must hold, but got low=20.0, high=3.0");
        assertThat(trials.study(studyId)).isEmpty();
    }

    @Test
    void aPluginSamplerOnTheClassPathRunsAStudyAndAnUnknownSamplerIsRejectedWithTheKnownOnes() throws Exception {
        String pluginStudy = uniqueId("plugin");
        ObjectNode spec = TestSpecs.specJson(3L, 5, 1);
        ((ObjectNode) spec.get("sampler")).put("type", "centre_first");
        String unknownStudy = uniqueId("unknown-sampler");
        ObjectNode unknown = TestSpecs.specJson(3L, 5, 1);
        ((ObjectNode) unknown.get("sampler")).put("type", "bayes_magic");

        send(TOPICS.studyCommands(), pluginStudy, submitted(pluginStudy, spec));
        send(TOPICS.studyCommands(), unknownStudy, submitted(unknownStudy, unknown));

        await().atMost(WAIT).until(() -> !trials.study(pluginStudy).isEmpty() && !studyEvents.study(unknownStudy).isEmpty());
        assertThat(trial(pluginStudy, 0).params()).containsEntry("x0", 2.5).containsEntry("x1", 7.5);
        JsonNode rejected = studyEvents.study(unknownStudy).get(0);
        assertThat(rejected.path("type").asText()).isEqualTo("StudyRejected");
        assertThat(rejected.path("reason").asText())
                .startsWith("sampler.type 'bayes_magic' is unknown; known samplers: [random, tpe")
                .contains("centre_first");
    }

    @Test
    void unreadableMessagesGoToTheDeadLetterTopicAndTheServiceGoesOn() throws Exception {
        String garbage = "{not json " + UUID.randomUUID();
        String badTrialEvent = "{\"type\":\"TrialCompleted\",\"studyId\":\"" + uniqueId("x") + "\"}";
        send(TOPICS.studyCommands(), "garbage-key", garbage);
        send(TOPICS.trialEvents(), "some-study", badTrialEvent);

        await().atMost(WAIT).until(() -> deadLetter(garbage) != null && deadLetter(badTrialEvent) != null);
        DeadLetter command = deadLetter(garbage);
        assertThat(command.service()).isEqualTo("sampler-service");
        assertThat(command.sourceTopic()).isEqualTo(TOPICS.studyCommands());
        assertThat(command.studyId()).isEqualTo("garbage-key");
        assertThat(command.error()).contains("Unexpected character");
        DeadLetter trialEvent = deadLetter(badTrialEvent);
        assertThat(trialEvent.sourceTopic()).isEqualTo(TOPICS.trialEvents());
        assertThat(trialEvent.error()).startsWith("trialNumber: ");

        String studyId = uniqueId("after-garbage");
        send(TOPICS.studyCommands(), studyId, Json.write(StudySubmitted.of(studyId, TestSpecs.branin(4L, 2, 2))));
        await().atMost(WAIT).until(() -> trials.study(studyId).size() == 2 && !studyEvents.study(studyId).isEmpty());
        assertThat(studyEvents.study(studyId)).extracting(j -> j.path("type").asText()).containsExactly("StudyAccepted");
    }

    @Test
    void aStudyRunsToCompletionWhenItsTrialsEnd() throws Exception {
        String studyId = uniqueId("complete");
        send(TOPICS.studyCommands(), studyId, Json.write(StudySubmitted.of(studyId, TestSpecs.branin(9L, 3, 2))));

        for (int n = 0; n < 3; n++) {
            int number = n;
            await().atMost(WAIT).until(() -> trials.study(studyId).size() > number);
            send(TOPICS.trialEvents(), studyId, Json.write(new TrialCompleted(Events.newId(), studyId, number,
                    Events.now(), "trainer-test", List.of(1.0 + number), Map.of(), 10)));
        }

        await().atMost(WAIT).until(() -> studyEvents.study(studyId).size() == 2);
        JsonNode completed = studyEvents.study(studyId).get(1);
        assertThat(completed.path("type").asText()).isEqualTo("StudyCompleted");
        assertThat(completed.path("reason").asText()).isEqualTo("n_trials reached");
        assertThat(completed.path("finishedTrials").asInt()).isEqualTo(3);
        assertThat(trials.study(studyId)).hasSize(3);
    }

    private TrialScheduled trial(String studyId, int number) {
        return trials.study(studyId).stream()
                .map(j -> Json.read(j.toString(), TrialScheduled.class))
                .filter(t -> t.trialNumber() == number)
                .findFirst().orElseThrow();
    }

    private DeadLetter deadLetter(String payload) {
        return deadLetters.records(j -> payload.equals(j.path("payload").asText(null))).stream()
                .map(r -> Json.read(r.value(), DeadLetter.class))
                .findFirst().orElse(null);
    }

    private void send(String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
    }

    private static String submitted(String studyId, ObjectNode spec) {
        ObjectNode command = Json.mapper().createObjectNode();
        command.put("type", "StudySubmitted").put("eventId", Events.newId()).put("studyId", studyId)
                .put("timestamp", Events.now().toString());
        command.set("spec", spec);
        return command.toString();
    }

    private static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

package io.hyperstream.sampler.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.model.Json;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudySubmitted;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.kafka.StudyPartitioner;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.sampler.TestSpecs;
import io.hyperstream.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Sampler instances stopped, started and side by side on a real broker (each test on topics of
 * its own): a study goes on to exactly n_trials across a restart, a crashed instance's study is
 * taken over from the events it left, and two instances share the studies by partition.
 */
class RestartAndScaleTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String bootstrap = TestInfrastructure.shared().bootstrapServers();

    @Test
    void aRestartedInstanceContinuesAStudyToExactlyNTrialsAndIgnoresARedeliveredSubmission() {
        TopicNames topics = TestTopics.fresh(bootstrap, "restart");
        String group = "sampler-" + UUID.randomUUID();
        String studyId = "restart-study";
        StudySubmitted submitted = StudySubmitted.of(studyId, TestSpecs.branin(21L, 10, 2));
        try (ScriptedTrainers trainers = new ScriptedTrainers(bootstrap, topics);
             TopicTail studyEvents = new TopicTail(bootstrap, topics.studyEvents())) {
            SamplerNode first = new SamplerNode("first", bootstrap, topics, group).start();
            trainers.send(topics.studyCommands(), null, studyId, Json.write(submitted));
            for (int done = 0; done < 4; done++) {
                int expected = done + 2;
                await().atMost(WAIT).until(() -> trainers.scheduled(studyId).size() >= expected);
                trainers.completeNext(studyId);
            }
            await().atMost(WAIT).until(() -> trainers.scheduled(studyId).size() == 6);
            first.close();
            // Trial 4 ends while no sampler runs: only the topic knows.
            assertThat(trainers.completeNext(studyId)).contains(4);

            try (SamplerNode second = new SamplerNode("second", bootstrap, topics, group).start()) {
                await().atMost(WAIT).until(() -> trainers.scheduled(studyId).size() == 7);
                assertThat(second.runningStudies()).containsExactly(studyId);
                // The same submission delivered again changes nothing; another one with the same id is a duplicate.
                trainers.send(topics.studyCommands(), null, studyId, Json.write(submitted));
                trainers.send(topics.studyCommands(), null, studyId,
                        Json.write(StudySubmitted.of(studyId, TestSpecs.branin(99L, 3, 1))));
                await().atMost(WAIT).until(() -> TestTopics.types(studyEvents, studyId).contains("StudyRejected"));

                await().atMost(WAIT).until(() -> {
                    trainers.completeNext(studyId);
                    return TestTopics.types(studyEvents, studyId).contains("StudyCompleted");
                });
                assertThat(second.accepted()).isEmpty();
            }
            assertThat(trainers.scheduled(studyId)).extracting(TrialScheduled::trialNumber)
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 10).boxed().toList());
            assertThat(TestTopics.types(studyEvents, studyId))
                    .containsExactly("StudyAccepted", "StudyRejected", "StudyCompleted");
            JsonNode rejected = studyEvents.study(studyId).get(1);
            assertThat(rejected.path("duplicate").asBoolean()).isTrue();
            assertThat(rejected.path("reason").asText()).isEqualTo("study id 'restart-study' is already used");
            assertThat(studyEvents.study(studyId).get(2).path("finishedTrials").asInt()).isEqualTo(10);
        }
    }

    @Test
    void anInstanceTakesOverFromTheEventsACrashedOneLeftAndAnswersWhatItHadNotAnswered() {
        TopicNames topics = TestTopics.fresh(bootstrap, "crash");
        StudySpec spec = TestSpecs.branin(5L, 5, 3);
        String crashed = "crashed";
        String misplaced = IntStream.range(0, 100).mapToObj(i -> "misplaced-" + i)
                .filter(id -> StudyPartitioner.partitionOf(id, 3) != 0).findFirst().orElseThrow();
        try (ScriptedTrainers trainers = new ScriptedTrainers(bootstrap, topics);
             TopicTail studyEvents = new TopicTail(bootstrap, topics.studyEvents());
             TopicTail commands = new TopicTail(bootstrap, topics.studyCommands())) {
            // What a crashed instance left: the study accepted, trials 0..2 out, 0 and 1 completed,
            // and no trial 3 yet; a submission read but never answered; a command on partition 0
            // although its study id hashes elsewhere.
            trainers.send(topics.studyCommands(), null, crashed, Json.write(StudySubmitted.of(crashed, spec)));
            trainers.send(topics.studyEvents(), null, crashed,
                    Json.write(new StudyAccepted(Events.newId(), crashed, Events.now(), spec)));
            for (int n = 0; n < 3; n++) {
                Map<String, Object> params = new LinkedHashMap<>(Map.of("x0", (double) n, "x1", (double) n));
                trainers.send(topics.trials(), null, crashed + "/" + n, Json.write(new TrialScheduled(Events.newId(),
                        crashed, n, Events.now(), params, spec.objective(), true, 10007L * 5 + n)));
            }
            trainers.complete(crashed, 0, 3.0);
            trainers.complete(crashed, 1, 2.0);
            trainers.send(topics.studyCommands(), null, "pending",
                    Json.write(StudySubmitted.of("pending", TestSpecs.branin(6L, 2, 1))));
            trainers.send(topics.studyCommands(), 0, "not-the-study-id",
                    Json.write(StudySubmitted.of(misplaced, TestSpecs.branin(7L, 2, 1))));

            try (SamplerNode node = new SamplerNode("successor", bootstrap, topics, "sampler-" + UUID.randomUUID()).start()) {
                await().atMost(WAIT).until(() -> trainers.scheduled(crashed).size() == 5
                        && TestTopics.types(studyEvents, "pending").contains("StudyAccepted")
                        && TestTopics.types(studyEvents, misplaced).contains("StudyAccepted"));
                assertThat(trainers.scheduled(crashed)).extracting(TrialScheduled::trialNumber)
                        .containsExactlyInAnyOrder(0, 1, 2, 3, 4);
                assertThat(node.accepted()).containsExactlyInAnyOrder("pending", misplaced);
                List<ConsumerRecord<String, String>> copies = commands.records(j -> misplaced.equals(j.path("studyId").asText()));
                assertThat(copies).extracting(ConsumerRecord::partition)
                        .containsExactlyInAnyOrder(0, StudyPartitioner.partitionOf(misplaced, 3));

                await().atMost(WAIT).until(() -> {
                    trainers.completeNext(crashed);
                    return TestTopics.types(studyEvents, crashed).contains("StudyCompleted");
                });
            }
            assertThat(TestTopics.types(studyEvents, crashed)).containsExactly("StudyAccepted", "StudyCompleted");
            assertThat(studyEvents.study(crashed).get(1).path("finishedTrials").asInt()).isEqualTo(5);
            assertThat(trainers.scheduled(crashed)).hasSize(5);
        }
    }

    @Test
    void twoInstancesShareTheStudiesByPartitionAndOneTakesOverWhenTheOtherLeaves() {
        TopicNames topics = TestTopics.fresh(bootstrap, "scale");
        String group = "sampler-" + UUID.randomUUID();
        List<String> studies = studyIdsOnEveryPartition("split", 2);
        try (ScriptedTrainers trainers = new ScriptedTrainers(bootstrap, topics);
             TopicTail studyEvents = new TopicTail(bootstrap, topics.studyEvents());
             SamplerNode b = new SamplerNode("b", bootstrap, topics, group)) {
            SamplerNode a = new SamplerNode("a", bootstrap, topics, group).start();
            await().atMost(WAIT).until(() -> a.partitions().size() == 3);
            b.start();
            await().atMost(WAIT).until(() -> !a.partitions().isEmpty() && !b.partitions().isEmpty()
                    && a.partitions().size() + b.partitions().size() == 3);
            Set<Integer> ofA = Set.copyOf(a.partitions());
            assertThat(b.partitions()).doesNotContainAnyElementsOf(ofA);

            for (String id : studies) {
                trainers.send(topics.studyCommands(), null, id, Json.write(StudySubmitted.of(id, TestSpecs.branin(3L, 6, 2))));
            }
            await().atMost(WAIT).until(() -> studies.stream().allMatch(id -> trainers.scheduled(id).size() == 2));
            for (String id : studies) {
                SamplerNode owner = ofA.contains(StudyPartitioner.partitionOf(id, 3)) ? a : b;
                assertThat(owner.accepted()).as("%s is run by the owner of its partition", id).contains(id);
            }
            assertThat(a.accepted()).isNotEmpty();
            assertThat(b.accepted()).isNotEmpty();
            studies.forEach(trainers::completeNext);
            await().atMost(WAIT).until(() -> studies.stream().allMatch(id -> trainers.scheduled(id).size() == 3));

            a.close();
            await().atMost(WAIT).until(() -> b.partitions().size() == 3);
            await().atMost(WAIT).until(() -> {
                studies.forEach(trainers::completeNext);
                return studies.stream().allMatch(id -> TestTopics.types(studyEvents, id).contains("StudyCompleted"));
            });
            for (String id : studies) {
                assertThat(trainers.scheduled(id)).extracting(TrialScheduled::trialNumber)
                        .as("trials of %s", id).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
                assertThat(TestTopics.types(studyEvents, id)).containsExactly("StudyAccepted", "StudyCompleted");
            }
        }
    }


    private static List<String> studyIdsOnEveryPartition(String prefix, int perPartition) {
        Map<Integer, List<String>> byPartition = new LinkedHashMap<>();
        for (int i = 0; byPartition.values().stream().mapToInt(List::size).sum() < 3 * perPartition; i++) {
            String id = prefix + "-" + i;
            List<String> ids = byPartition.computeIfAbsent(StudyPartitioner.partitionOf(id, 3), k -> new ArrayList<>());
            if (ids.size() < perPartition) {
                ids.add(id);
            }
        }
        List<String> all = new ArrayList<>();
        byPartition.values().forEach(all::addAll);
        return all;
    }
}

package io.hyperstream.sampler.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperstream.model.Json;
import io.hyperstream.model.event.Event;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.StopStudyRequested;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudyCompleted;
import io.hyperstream.model.event.StudyRejected;
import io.hyperstream.model.event.StudySubmitted;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialPruned;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.model.spec.WarmStartSpec;
import io.hyperstream.sampler.TestSpecs;
import io.hyperstream.sampler.service.EarlierStudy;
import io.hyperstream.sampler.service.IncomingCommand;
import io.hyperstream.sampler.service.StudyHistory;
import io.hyperstream.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reading studies back from a real broker: for a takeover and for a warm start. */
class StudyLogTest {

    private final String bootstrap = TestInfrastructure.shared().bootstrapServers();

    @Test
    void theCompletedTrialsOfAnEarlierStudyAreFoundUpToTheCutoff() {
        TopicNames topics = TestTopics.fresh(bootstrap, "find");
        StudySpec spec = TestSpecs.branin(4L, 5, 2);
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        try (ScriptedTrainers trainers = new ScriptedTrainers(bootstrap, topics)) {
            publish(trainers, topics.studyEvents(), "old", new StudyAccepted(Events.newId(), "old", start, spec));
            for (int n = 0; n < 4; n++) {
                publish(trainers, topics.trials(), "old/" + n, new TrialScheduled(Events.newId(), "old", n, start,
                        Map.of("x0", 1.0 + n, "x1", 2), spec.objective(), true, 1L));
            }
            publish(trainers, topics.trialEvents(), "old", completed("old", 1, 11.0, start.plusSeconds(10)));
            publish(trainers, topics.trialEvents(), "old", new TrialPruned(Events.newId(), "old", 2,
                    start.plusSeconds(11), "t", 3, List.of(50.0)));
            publish(trainers, topics.trialEvents(), "old", completed("old", 0, 10.0, start.plusSeconds(12)));
            publish(trainers, topics.trialEvents(), "old", completed("old", 3, 13.0, start.plusSeconds(99)));
            // A second ending of trial 1 (a re-run) does not count: the first one does.
            publish(trainers, topics.trialEvents(), "old", completed("old", 1, 99.0, start.plusSeconds(13)));
        }

        Map<String, EarlierStudy> found = new StudyLog(bootstrap, topics, Duration.ofSeconds(30))
                .find(List.of("old", "missing"), start.plusSeconds(60));

        assertThat(found).containsOnlyKeys("old");
        EarlierStudy old = found.get("old");
        assertThat(old.spec()).isEqualTo(spec);
        assertThat(old.completed()).extracting(EarlierStudy.CompletedTrial::number).containsExactly(1, 0);
        assertThat(old.completed().get(0).values()).containsExactly(11.0);
        assertThat(old.completed().get(0).params()).containsEntry("x0", 2.0).containsEntry("x1", 2);
    }

    @Test
    void aTakeoverKnowsAnsweredSubmissionsStopsAndTheCommandsStillToHandle() {
        TopicNames topics = TestTopics.fresh(bootstrap, "recover");
        StudySpec spec = TestSpecs.branin(4L, 5, 2);
        StudySubmitted running = StudySubmitted.of("running", spec);
        StudySubmitted duplicate = StudySubmitted.of("running", spec);
        StudySubmitted unanswered = StudySubmitted.of("unanswered", spec);
        StudySubmitted done = StudySubmitted.of("done", spec);
        try (ScriptedTrainers trainers = new ScriptedTrainers(bootstrap, topics)) {
            publish(trainers, topics.studyCommands(), "running", running);
            publish(trainers, topics.studyEvents(), "running", new StudyAccepted(Events.newId(), "running", Events.now(), spec));
            publish(trainers, topics.studyCommands(), "running", duplicate);
            publish(trainers, topics.studyCommands(), "running", running);
            publish(trainers, topics.studyEvents(), "running", new StudyRejected(Events.newId(), "running", Events.now(),
                    "study id 'running' is already used", true));
            publish(trainers, topics.studyCommands(), "running", new StopStudyRequested(Events.newId(), "running",
                    Events.now(), "enough"));
            publish(trainers, topics.trials(), "running/0", new TrialScheduled(Events.newId(), "running", 0, Events.now(),
                    Map.of("x0", 1.0, "x1", 2.0), spec.objective(), true, 1L));
            trainers.complete("running", 0, 5.0);
            publish(trainers, topics.studyCommands(), "unanswered", unanswered);
            publish(trainers, topics.studyCommands(), "done", done);
            publish(trainers, topics.studyEvents(), "done", new StudyAccepted(Events.newId(), "done", Events.now(), spec));
            publish(trainers, topics.studyEvents(), "done", new StudyCompleted(Events.newId(), "done", Events.now(),
                    "n_trials reached", 5));
        }

        StudyLog.Recovery recovery = new StudyLog(bootstrap, topics, Duration.ofSeconds(30)).recover(Set.of(0, 1, 2), 3);

        assertThat(recovery.takeover().submissions()).containsOnlyKeys("running", "done");
        assertThat(recovery.takeover().submissions().get("running")).containsExactly(running.eventId(), duplicate.eventId());
        assertThat(recovery.takeover().submissions().get("done")).containsExactly(done.eventId());
        assertThat(recovery.takeover().studies()).singleElement().satisfies(history -> {
            assertThat(history.studyId()).isEqualTo("running");
            assertThat(history.stopRequested()).isTrue();
            assertThat(history.scheduled()).extracting(TrialScheduled::trialNumber).containsExactly(0);
            assertThat(history.trialEvents()).extracting(e -> e.type()).containsExactly("TrialCompleted");
        });
        assertThat(recovery.takeover().pending()).extracting(IncomingCommand::eventId).containsExactly(unanswered.eventId());
        assertThat(recovery.commandEnds().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(6);
        assertThat(recovery.misplaced()).isEmpty();
        List<StudyHistory> none = new StudyLog(bootstrap, topics, Duration.ofSeconds(30))
                .recover(Set.of(), 3).takeover().studies();
        assertThat(none).isEmpty();
    }

    @Test
    void aStudyStartsFromAnEarlierStudysTrialsAndAWarmStartFromAnUnknownOneIsRejected() {
        TopicNames topics = TestTopics.fresh(bootstrap, "warm");
        try (ScriptedTrainers trainers = new ScriptedTrainers(bootstrap, topics);
             TopicTail studyEvents = new TopicTail(bootstrap, topics.studyEvents());
             SamplerNode node = new SamplerNode("warm", bootstrap, topics, "sampler-" + UUID.randomUUID()).start()) {
            publish(trainers, topics.studyCommands(), "first", StudySubmitted.of("first", TestSpecs.branin(8L, 3, 1)));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                trainers.completeNext("first");
                return TestTopics.types(studyEvents, "first").contains("StudyCompleted");
            });

            StudySpec warm = TestSpecs.branin(9L, 2, 1).withWarmStart(new WarmStartSpec(List.of("first")));
            StudySpec cold = TestSpecs.branin(9L, 2, 1).withWarmStart(new WarmStartSpec(List.of("first", "nope")));
            publish(trainers, topics.studyCommands(), "second", StudySubmitted.of("second", warm));
            publish(trainers, topics.studyCommands(), "third", StudySubmitted.of("third", cold));

            await().atMost(Duration.ofSeconds(60)).until(() ->
                    !studyEvents.study("second").isEmpty() && !studyEvents.study("third").isEmpty());
            JsonNode accepted = studyEvents.study("second").get(0);
            assertThat(accepted.path("type").asText()).isEqualTo("StudyAccepted");
            assertThat(accepted.path("spec").path("warm_start").path("studies").get(0).asText()).isEqualTo("first");
            JsonNode rejected = studyEvents.study("third").get(0);
            assertThat(rejected.path("type").asText()).isEqualTo("StudyRejected");
            assertThat(rejected.path("reason").asText())
                    .isEqualTo("warm_start.studies[1]: study 'nope' was not found (no StudyAccepted for it)");
        }
    }

    private static void publish(ScriptedTrainers trainers, String topic, String key, Event event) {
        trainers.send(topic, null, key, Json.write(event));
    }

    private static TrialCompleted completed(String studyId, int n, double value, Instant at) {
        return new TrialCompleted(Events.newId(), studyId, n, at, "t", List.of(value), Map.of(), 3);
    }
}

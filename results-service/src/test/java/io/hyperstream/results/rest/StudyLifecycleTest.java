package io.hyperstream.results.rest;

import static io.hyperstream.results.ApiSupport.awaitJson;
import static io.hyperstream.results.ApiSupport.awaitOwnDeadLetter;
import static io.hyperstream.results.ApiSupport.getJson;
import static io.hyperstream.results.TopicWriter.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudyRejected;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.results.TestStudy;
import io.hyperstream.results.TopicWriter;
import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A study's events go through the real broker into MongoDB and come out of the REST API. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class StudyLifecycleTest {

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
    void storesAStudyWhateverTheOrderDuplicatesAndReplaysOfItsEvents() {
        TestStudy study = TestStudy.of("branin", "minimize");
        StudyAccepted accepted = study.accepted();
        topics.send(TOPICS.studyEvents(), study.id, accepted);
        topics.send(TOPICS.studyEvents(), study.id, accepted);

        // Trial 3 starts before the results service has read that it was scheduled.
        topics.send(TOPICS.trialEvents(), study.id, study.started(3, "trainer-d"));
        awaitJson(trial(study, 3), json -> assertThat(json.getString("state")).isEqualTo("RUNNING"));
        TrialScheduled scheduled0 = study.scheduled(0);
        for (int n = 0; n < 4; n++) {
            topics.send(TOPICS.trials(), study.trialKey(n), n == 0 ? scheduled0 : study.scheduled(n));
        }
        topics.send(TOPICS.trials(), study.trialKey(0), scheduled0);

        // Trial 0 completes after 11 epochs, each reported twice.
        TrialStarted started0 = study.started(0, "trainer-a");
        topics.send(TOPICS.trialEvents(), study.id, started0);
        for (int epoch = 1; epoch <= 11; epoch++) {
            var report = study.epoch(0, "trainer-a", epoch, 20.0 - epoch);
            topics.send(TOPICS.trialEvents(), study.id, report);
            topics.send(TOPICS.trialEvents(), study.id, report);
        }
        topics.send(TOPICS.trialEvents(), study.id, study.trialCompleted(0, "trainer-a", 11, 5.0));
        // Trial 1 completes before its TrialStarted is read.
        topics.send(TOPICS.trialEvents(), study.id, study.trialCompleted(1, "trainer-b", 12, 2.0));
        topics.send(TOPICS.trialEvents(), study.id, study.started(1, "trainer-b"));
        // Trial 2 is pruned after epoch 2.
        topics.send(TOPICS.trialEvents(), study.id, study.started(2, "trainer-c"));
        topics.send(TOPICS.trialEvents(), study.id, study.epoch(2, "trainer-c", 1, 30.0));
        topics.send(TOPICS.trialEvents(), study.id, study.epoch(2, "trainer-c", 2, 29.0));
        topics.send(TOPICS.trialEvents(), study.id, study.pruned(2, "trainer-c", 2, 29.0));
        // Trial 3 fails.
        topics.send(TOPICS.trialEvents(), study.id, study.failed(3, "trainer-d", "objective returned NaN"));

        // Replays after the end: none may change anything.
        topics.send(TOPICS.trialEvents(), study.id, started0);
        topics.send(TOPICS.trialEvents(), study.id, study.failed(0, "trainer-x", "a late failure report"));
        topics.send(TOPICS.trials(), study.trialKey(0), scheduled0);
        String trialEventsMarker = "marker-" + UUID.randomUUID();
        String trialsMarker = "marker-" + UUID.randomUUID();
        topics.sendText(TOPICS.trialEvents(), study.id, trialEventsMarker);
        topics.sendText(TOPICS.trials(), study.trialKey(0), trialsMarker);
        awaitOwnDeadLetter(trialEventsMarker);
        awaitOwnDeadLetter(trialsMarker);

        JsonPath detail = getJson("/api/studies/" + study.id);
        assertThat(detail.getString("id")).isEqualTo(study.id);
        assertThat(detail.getString("name")).isEqualTo("branin");
        assertThat(detail.getString("state")).isEqualTo("RUNNING");
        assertThat(detail.getString("reason")).isNull();
        assertThat(detail.getList("directions")).containsExactly("minimize");
        assertThat(detail.getList("spec.search_space.name")).containsExactly("x0", "opt.lr");
        assertThat(detail.getLong("spec.sampler.seed")).isEqualTo(7L);
        assertThat(detail.getString("acceptedAt")).isEqualTo(accepted.timestamp().toString());
        assertThat(detail.getMap("counts")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "waiting", 0, "running", 0, "complete", 2, "pruned", 1, "fail", 1, "total", 4, "finished", 4));
        assertThat(detail.getInt("best.number")).isEqualTo(1);
        assertThat(detail.getList("best.values")).containsExactly(2.0);
        assertThat(detail.getMap("best.params")).containsEntry("x0", 1.5).containsEntry("opt.lr", 0.02);

        JsonPath trial0 = getJson(trial(study, 0));
        assertThat(trial0.getString("state")).isEqualTo("COMPLETE");
        assertThat(trial0.getList("values")).containsExactly(5.0);
        assertThat(trial0.getString("trainerId")).isEqualTo("trainer-a");
        assertThat(trial0.getString("reason")).isNull();
        assertThat(trial0.getInt("epochs")).isEqualTo(11);
        assertThat(trial0.getLong("seed")).isEqualTo(1000L);
        assertThat(trial0.getBoolean("pruning")).isTrue();
        assertThat(trial0.getString("startedAt")).isEqualTo(started0.timestamp().toString());
        assertThat(trial0.getList("history.epoch")).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(trial0.getList("history.values")).containsExactly(List.of(19.0), List.of(18.0), List.of(17.0),
                List.of(16.0), List.of(15.0), List.of(14.0), List.of(13.0), List.of(12.0), List.of(11.0),
                List.of(10.0), List.of(9.0));
        assertThat(trial0.getMap("history[9].metrics")).containsEntry("value", 10.0).containsEntry("loss", 20.0);

        JsonPath trial1 = getJson(trial(study, 1));
        assertThat(trial1.getString("state")).isEqualTo("COMPLETE");
        assertThat(trial1.getList("values")).containsExactly(2.0);
        assertThat(trial1.getString("startedAt")).as("filled in by the late TrialStarted").isNotNull();
        assertThat(trial1.getMap("params")).containsEntry("x0", 1.5);

        JsonPath trial2 = getJson(trial(study, 2));
        assertThat(trial2.getString("state")).isEqualTo("PRUNED");
        assertThat(trial2.getInt("prunedAtEpoch")).isEqualTo(2);
        assertThat(trial2.getList("values")).containsExactly(29.0);
        assertThat(trial2.getList("history.epoch")).containsExactly(1, 2);

        JsonPath trial3 = getJson(trial(study, 3));
        assertThat(trial3.getString("state")).isEqualTo("FAIL");
        assertThat(trial3.getString("reason")).isEqualTo("objective returned NaN");
        assertThat(trial3.getString("scheduledAt")).as("from the TrialScheduled read after the start").isNotNull();
        assertThat(trial3.getLong("seed")).isEqualTo(1003L);
        assertThat(trial3.getList("history")).isEmpty();

        // The study completes; a replayed acceptance afterwards does not reopen it.
        topics.send(TOPICS.studyEvents(), study.id, study.completed("n_trials reached", 4));
        topics.send(TOPICS.studyEvents(), study.id, accepted);
        String studyMarker = "marker-" + UUID.randomUUID();
        topics.sendText(TOPICS.studyEvents(), study.id, studyMarker);
        awaitOwnDeadLetter(studyMarker);
        JsonPath completed = getJson("/api/studies/" + study.id);
        assertThat(completed.getString("state")).isEqualTo("COMPLETE");
        assertThat(completed.getString("reason")).isEqualTo("n_trials reached");
        assertThat(completed.getInt("finishedTrials")).isEqualTo(4);
        assertThat(completed.getString("completedAt")).isNotNull();

        JsonPath listed = getJson("/api/studies?state=complete&size=1000");
        assertThat(listed.getList("items.id")).contains(study.id);
        Map<String, Object> summary = listed.getMap("items.find { it.id == '" + study.id + "' }");
        assertThat(summary).containsEntry("name", "branin").containsEntry("state", "COMPLETE")
                .containsEntry("bestValue", 2.0).containsEntry("directions", List.of("minimize"));
        assertThat(listed.getMap("items.find { it.id == '" + study.id + "' }.counts")).containsEntry("finished", 4);
        assertThat(getJson("/api/studies?state=RUNNING&size=1000").getList("items.id")).doesNotContain(study.id);
    }

    @Test
    void aTrialRunAgainKeepsOneOutcomeAndTheEpochsOfItsLatestAttempt() {
        TestStudy study = TestStudy.of("rerun", "minimize");
        topics.send(TOPICS.studyEvents(), study.id, study.accepted());
        topics.send(TOPICS.trials(), study.trialKey(0), study.scheduled(0));
        // Attempt 1 reaches epoch 3, then its trainer dies; attempt 2 starts over and is pruned after epoch 2.
        topics.send(TOPICS.trialEvents(), study.id, study.started(0, "trainer-a", 1));
        for (int epoch = 1; epoch <= 3; epoch++) {
            topics.send(TOPICS.trialEvents(), study.id, study.epoch(0, "trainer-a", epoch, 10.0 - epoch, 1));
        }
        topics.send(TOPICS.trialEvents(), study.id, study.started(0, "trainer-b", 2));
        topics.send(TOPICS.trialEvents(), study.id, study.epoch(0, "trainer-b", 1, 19.0, 2));
        topics.send(TOPICS.trialEvents(), study.id, study.epoch(0, "trainer-b", 2, 18.0, 2));
        topics.send(TOPICS.trialEvents(), study.id, study.pruned(0, "trainer-b", 2, 18.0, 2));
        // A replay of the abandoned attempt's start changes nothing.
        topics.send(TOPICS.trialEvents(), study.id, study.started(0, "trainer-a", 1));
        String marker = "marker-" + UUID.randomUUID();
        topics.sendText(TOPICS.trialEvents(), study.id, marker);
        awaitOwnDeadLetter(marker);

        JsonPath trial0 = getJson(trial(study, 0));
        assertThat(trial0.getString("state")).isEqualTo("PRUNED");
        assertThat(trial0.getInt("attempt")).isEqualTo(2);
        assertThat(trial0.getList("history.epoch")).containsExactly(1, 2);
        assertThat(trial0.getString("trainerId")).isEqualTo("trainer-b");
        assertThat(trial0.getInt("prunedAtEpoch")).isEqualTo(2);
        assertThat(trial0.getList("history.values")).containsExactly(List.of(19.0), List.of(18.0));
        assertThat(getJson("/api/studies/" + study.id).getMap("counts")).containsEntry("pruned", 1)
                .containsEntry("total", 1);
    }

    @Test
    void pagesTrialsByNumberAndFiltersByState() {
        TestStudy study = TestStudy.of("paging", "minimize");
        topics.send(TOPICS.studyEvents(), study.id, study.accepted());
        for (int n = 6; n >= 0; n--) {
            topics.send(TOPICS.trials(), study.trialKey(n), study.scheduled(n));
        }
        for (int n = 0; n < 7; n += 2) {
            topics.send(TOPICS.trialEvents(), study.id, study.trialCompleted(n, "trainer-a", 3, n));
        }
        awaitJson("/api/studies/" + study.id, json -> {
            assertThat(json.getInt("counts.total")).isEqualTo(7);
            assertThat(json.getInt("counts.complete")).isEqualTo(4);
        });

        JsonPath first = getJson(trials(study) + "?page=0&size=3");
        assertThat(first.getInt("page")).isEqualTo(0);
        assertThat(first.getInt("size")).isEqualTo(3);
        assertThat(first.getInt("total")).isEqualTo(7);
        assertThat(first.getList("items.number")).containsExactly(0, 1, 2);
        assertThat(first.getList("items.state")).containsExactly("COMPLETE", "WAITING", "COMPLETE");
        assertThat(first.getMap("items[1].params")).containsEntry("x0", 1.5);
        assertThat(first.getList("items[0]." + "history")).isNull();
        assertThat(getJson(trials(study) + "?page=2&size=3").getList("items.number")).containsExactly(6);
        assertThat(getJson(trials(study) + "?page=3&size=3").getList("items")).isEmpty();
        assertThat(getJson(trials(study)).getInt("size")).isEqualTo(50);

        JsonPath complete = getJson(trials(study) + "?state=COMPLETE&size=3&page=1");
        assertThat(complete.getInt("total")).isEqualTo(4);
        assertThat(complete.getList("items.number")).containsExactly(6);
        assertThat(getJson(trials(study) + "?state=waiting").getList("items.number")).containsExactly(1, 3, 5);
        assertThat(getJson(trials(study) + "?state=FAIL").getInt("total")).isZero();
        assertThat(getJson("/api/studies/" + study.id).getInt("best.number")).isZero();
    }

    @Test
    void bestTrialFollowsTheStudyDirection() {
        TestStudy study = TestStudy.of("accuracy", "maximize");
        topics.send(TOPICS.studyEvents(), study.id, study.accepted());
        topics.send(TOPICS.trialEvents(), study.id, study.trialCompleted(0, "trainer-a", 3, 0.70));
        topics.send(TOPICS.trialEvents(), study.id, study.trialCompleted(1, "trainer-a", 3, 0.91));
        topics.send(TOPICS.trialEvents(), study.id, study.trialCompleted(2, "trainer-a", 3, 0.91));
        topics.send(TOPICS.trialEvents(), study.id, study.trialCompleted(3, "trainer-a", 3, Double.NaN));
        topics.send(TOPICS.trialEvents(), study.id, study.pruned(4, "trainer-a", 1, 0.99));

        JsonPath detail = awaitJson("/api/studies/" + study.id,
                json -> assertThat(json.getInt("counts.finished")).isEqualTo(5));
        assertThat(detail.getList("directions")).containsExactly("maximize");
        assertThat(detail.getInt("best.number")).as("a pruned trial is never best; ties go to the earlier trial")
                .isEqualTo(1);
        assertThat(detail.getList("best.values")).containsExactly(0.91);
        assertThat(detail.getList("bestTrials.number")).as("the trials that share the best value").containsExactly(1, 2);
        assertThat(getJson("/api/studies/" + study.id + "/pareto-front").getList("number")).containsExactly(1, 2);
        Map<String, Object> summary = getJson("/api/studies?size=1000")
                .getMap("items.find { it.id == '" + study.id + "' }");
        assertThat(summary).containsEntry("bestValue", 0.91);
    }

    @Test
    void multiObjectiveStudiesExposeTheirParetoFront() {
        TestStudy study = TestStudy.of("pareto", "minimize", "maximize");
        topics.send(TOPICS.studyEvents(), study.id, study.accepted());
        double[][] values = {{1.0, 2.0}, {2.0, 3.0}, {2.0, 1.0}, {0.5, 0.5}, {3.0, 3.0}, {}, {}, {1.0, 2.0}, {Double.NaN, 5.0}};
        for (int n = 0; n < values.length; n++) {
            topics.send(TOPICS.trials(), study.trialKey(n), study.scheduled(n));
            if (n == 5) {
                // Pruned: its last values would dominate every other trial, but it did not complete.
                topics.send(TOPICS.trialEvents(), study.id, study.pruned(n, "trainer-a", 1, 0.1, 10.0));
            } else if (n == 6) {
                topics.send(TOPICS.trialEvents(), study.id, study.failed(n, "trainer-a", "out of memory"));
            } else {
                topics.send(TOPICS.trialEvents(), study.id, study.trialCompleted(n, "trainer-a", 3, values[n]));
            }
        }
        // Trials and trial events are separate topics: wait until every trial's parameters are stored too.
        JsonPath detail = awaitJson("/api/studies/" + study.id, json -> {
            assertThat(json.getInt("counts.finished")).isEqualTo(9);
            assertThat(json.getList("bestTrials.params")).doesNotContainNull();
        });

        // Minimizing the first value and maximizing the second: 2 is beaten by 0 and 4 by 1; 7 ties
        // with 0; 8 has no finite first value. (Were both minimized, 3 alone would be on the front.)
        assertThat(detail.getList("directions")).containsExactly("minimize", "maximize");
        assertThat(detail.getString("best")).isNull();
        assertThat(detail.getList("bestTrials.number")).containsExactly(0, 1, 3, 7);
        assertThat(detail.getList("bestTrials.values")).containsExactly(
                List.of(1.0, 2.0), List.of(2.0, 3.0), List.of(0.5, 0.5), List.of(1.0, 2.0));
        assertThat(detail.getMap("bestTrials[2].params")).isEqualTo(TestStudy.params(3));

        JsonPath front = getJson("/api/studies/" + study.id + "/pareto-front");
        assertThat(front.getList("number")).containsExactly(0, 1, 3, 7);
        assertThat(front.getList("$")).isEqualTo(detail.getList("bestTrials"));
        assertThat(getJson(trial(study, 0)).getList("values")).containsExactly(1.0, 2.0);
    }

    @Test
    void aRejectedStudyIsStoredWithItsReason() {
        TestStudy study = TestStudy.of("rejected", "minimize");
        topics.send(TOPICS.studyEvents(), study.id,
                study.rejected("search_space[0]: parameter 'x': low <= high must hold, but got low=5.0, high=1.0"));
        JsonPath detail = awaitJson("/api/studies/" + study.id,
                json -> assertThat(json.getString("state")).isEqualTo("REJECTED"));
        assertThat(detail.getString("reason")).contains("low <= high must hold");
        assertThat(detail.getString("rejectedAt")).isNotNull();
        assertThat(detail.getList("directions")).isEmpty();
        assertThat(detail.getString("best")).isNull();
        assertThat(detail.getList("bestTrials")).isEmpty();
        assertThat(detail.getInt("counts.total")).isZero();
        assertThat(getJson("/api/studies?state=REJECTED&size=1000").getList("items.id")).contains(study.id);
    }

    @Test
    void aRejectedSecondSubmissionLeavesTheStudyAsItIsAndIsListedOnce() {
        TestStudy running = TestStudy.of("running", "minimize");
        topics.send(TOPICS.studyEvents(), running.id, running.accepted());
        StudyRejected flagged = new StudyRejected(Events.newId(), running.id, Events.now(),
                "study id '" + running.id + "' is already used", true);
        // A rejection from a sampler that did not flag duplicates yet.
        StudyRejected unflagged = running.rejected("study id '" + running.id + "' is already used");
        topics.send(TOPICS.studyEvents(), running.id, flagged);
        topics.send(TOPICS.studyEvents(), running.id, unflagged);
        topics.send(TOPICS.studyEvents(), running.id, flagged);
        TestStudy rejected = TestStudy.of("rejected-twice", "minimize");
        topics.send(TOPICS.studyEvents(), rejected.id, rejected.rejected("budget: n_trials must be >= 1, but got 0"));
        topics.send(TOPICS.studyEvents(), rejected.id, new StudyRejected(Events.newId(), rejected.id, Events.now(),
                "study id '" + rejected.id + "' is already used", true));

        JsonPath detail = awaitJson("/api/studies/" + running.id,
                json -> assertThat(json.getList("duplicateSubmissions")).hasSize(2));
        assertThat(detail.getString("state")).isEqualTo("RUNNING");
        assertThat(detail.getString("reason")).isNull();
        assertThat(detail.getString("rejectedAt")).isNull();
        assertThat(detail.getList("duplicateSubmissions.eventId")).containsExactly(flagged.eventId(), unflagged.eventId());
        assertThat(detail.getString("duplicateSubmissions[0].reason")).isEqualTo(flagged.reason());
        assertThat(detail.getString("duplicateSubmissions[0].rejectedAt")).isNotNull();
        JsonPath twice = awaitJson("/api/studies/" + rejected.id,
                json -> assertThat(json.getList("duplicateSubmissions")).hasSize(1));
        assertThat(twice.getString("state")).isEqualTo("REJECTED");
        assertThat(twice.getString("reason")).isEqualTo("budget: n_trials must be >= 1, but got 0");
    }

    @Test
    void listsNewestStudiesFirst() {
        TestStudy older = TestStudy.of("older", "minimize");
        TestStudy newer = TestStudy.of("newer", "minimize");
        Instant now = Instant.now();
        topics.send(TOPICS.studyEvents(), newer.id, newer.accepted(now.plusSeconds(3600)));
        topics.send(TOPICS.studyEvents(), older.id, older.accepted(now.plusSeconds(3599)));
        JsonPath list = awaitJson("/api/studies?size=1000",
                json -> assertThat(json.getList("items.id")).contains(older.id, newer.id));
        List<String> ids = list.getList("items.id");
        assertThat(ids.indexOf(newer.id)).isLessThan(ids.indexOf(older.id));
        JsonPath first = getJson("/api/studies?size=1");
        assertThat(first.getList("items.id")).hasSize(1);
        assertThat(first.getLong("total")).isGreaterThanOrEqualTo(2);
        assertThat(getJson("/api/studies?size=1&page=1").getList("items.id")).hasSize(1)
                .doesNotContainAnyElementsOf(first.getList("items.id"));
    }

    private static String trial(TestStudy study, int number) {
        return "/api/studies/" + study.id + "/trials/" + number;
    }

    private static String trials(TestStudy study) {
        return "/api/studies/" + study.id + "/trials";
    }
}

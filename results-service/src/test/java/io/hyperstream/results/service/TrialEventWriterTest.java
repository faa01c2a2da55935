package io.hyperstream.results.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.results.TestStudy;
import io.hyperstream.results.document.StudyStatsDoc;
import io.hyperstream.results.document.TrialDoc;
import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The study aggregates stay exact when a batch is stored again: replayed after it was fully
 * stored, or after a crash between its stats write and its trial writes.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class TrialEventWriterTest {

    @Inject
    ResultsRecorder recorder;

    @Inject
    ResultsDatabase database;

    @Inject
    StudyQueries studies;

    @Test
    void aBatchStoredTwiceIsCountedOnce() {
        TestStudy study = TestStudy.of("twice", "minimize");
        recorder.record(study.accepted());
        List<TrialEvent> batch = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            batch.add(study.started(n, "trainer-" + (n % 2)));
            batch.add(study.epoch(n, "trainer-" + (n % 2), 1, 10.0 - n));
        }
        batch.add(study.trialCompleted(0, "trainer-0", 1, 4.0));
        batch.add(study.trialCompleted(1, "trainer-1", 1, 3.0));
        batch.add(study.pruned(2, "trainer-0", 1, 8.0));
        batch.add(study.failed(3, "trainer-1", "out of memory"));
        recorder.recordTrialEvents(batch);
        recorder.recordTrialEvents(batch);

        StudyDetail detail = studies.find(study.id).orElseThrow();
        assertThat(detail.counts()).isEqualTo(new TrialCounts(0, 1, 2, 1, 1, 5, 4));
        assertThat(detail.best().number()).isEqualTo(1);
        assertThat(detail.best().values()).containsExactly(3.0);
        assertThat(detail.best().params()).containsEntry("x0", 1.5);
        assertThat(studies.stats(study.id).trainerIds()).containsExactly("trainer-0", "trainer-1");
        assertThat(stats(study).getList(StudyStatsDoc.PENDING, Document.class)).isEmpty();
    }

    @Test
    void aBatchReplayedAfterItsStatsButBeforeItsTrialsWereStoredIsCountedOnce() {
        TestStudy study = TestStudy.of("crash", "minimize");
        recorder.record(study.accepted());
        recorder.recordTrialEvents(List.of(study.started(0, "trainer-a"), study.started(1, "trainer-a")));
        // What a crash leaves after storing the stats of [TrialCompleted 0] and nothing else.
        database.studyStats().updateOne(new Document(StudyStatsDoc.ID, study.id), new Document("$inc",
                new Document("counts.RUNNING", -1L).append("counts.COMPLETE", 1L))
                .append("$set", new Document(StudyStatsDoc.PENDING, List.of(
                        new Document("number", 0).append("state", "COMPLETE")))));

        // The next batch has events of trial 1 only; trial 0's completion is read again later.
        recorder.recordTrialEvents(List.of(study.trialCompleted(1, "trainer-a", 1, 5.0)));
        assertThat(trial(study, 0).getString(TrialDoc.COUNTED_STATE)).as("recorded as counted")
                .isEqualTo("COMPLETE");
        recorder.recordTrialEvents(List.of(study.trialCompleted(0, "trainer-a", 1, 2.0)));

        StudyDetail detail = studies.find(study.id).orElseThrow();
        assertThat(detail.counts()).isEqualTo(new TrialCounts(0, 0, 2, 0, 0, 2, 2));
        assertThat(trial(study, 0).getString(TrialDoc.STATE)).isEqualTo("COMPLETE");
        assertThat(stats(study).getList(StudyStatsDoc.PENDING, Document.class)).isEmpty();
    }

    @Test
    void aBatchReplayedAfterItsTrialsWereStoredButBeforeItSettledIsCountedOnce() {
        TestStudy study = TestStudy.of("settle", "maximize");
        recorder.record(study.accepted());
        List<TrialEvent> batch = List.of(study.started(0, "trainer-a"), study.trialCompleted(0, "trainer-a", 1, 0.5));
        recorder.recordTrialEvents(batch);
        // A crash before the last write leaves the batch's changes pending.
        database.studyStats().updateOne(new Document(StudyStatsDoc.ID, study.id), new Document("$set",
                new Document(StudyStatsDoc.PENDING, List.of(new Document("number", 0).append("state", "COMPLETE")))));
        recorder.recordTrialEvents(batch);

        StudyDetail detail = studies.find(study.id).orElseThrow();
        assertThat(detail.counts()).isEqualTo(new TrialCounts(0, 0, 1, 0, 0, 1, 1));
        assertThat(detail.bestTrials()).extracting(BestTrial::number).containsExactly(0);
    }

    @Test
    void trialsCompletedBeforeTheStudyWasReadGetTheirBestOnceItIs() {
        TestStudy study = TestStudy.of("early", "minimize");
        recorder.recordTrialEvents(List.of(study.trialCompleted(0, "trainer-a", 1, 2.0),
                study.trialCompleted(1, "trainer-a", 1, 1.0)));
        assertThat(studies.stats(study.id).frontStale()).isTrue();
        recorder.record(study.accepted());
        assertThat(studies.find(study.id).orElseThrow().best().number()).as("computed from the trials").isEqualTo(1);

        recorder.recordTrialEvents(List.of(study.trialCompleted(2, "trainer-a", 1, 3.0)));
        StudyStats stats = studies.stats(study.id);
        assertThat(stats.frontStale()).isFalse();
        assertThat(stats.front()).extracting(BestTrial::number).containsExactly(1);
        assertThat(stats.counts().complete()).isEqualTo(3);
    }

    private Document stats(TestStudy study) {
        return database.studyStats().find(new Document(StudyStatsDoc.ID, study.id)).first();
    }

    private Document trial(TestStudy study, int number) {
        return database.trials().find(new Document(TrialDoc.ID, TrialDoc.id(study.id, number))).first();
    }
}

package io.hyperstream.results.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.results.TestStudy;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class EventChangesTest {

    private final TestStudy study = TestStudy.of("unit", "minimize");

    @Test
    void aCompletedTrialAdvancesToCompleteWithItsSortableValue() {
        StateChange change = EventChanges.of(study.trialCompleted(4, "trainer-a", 10, 0.25));
        assertThat(change.id()).isEqualTo(study.id + "/4");
        assertThat(change.rank()).isEqualTo(3);
        assertThat(change.advance()).containsEntry("state", "COMPLETE").containsEntry("stateRank", 3)
                .containsEntry("value", 0.25).containsEntry("values", List.of(0.25)).containsEntry("epochs", 10)
                .containsEntry("trainerId", "trainer-a");
        assertThat(change.belowRank()).isEqualTo(Document.parse(
                "{\"_id\": \"" + study.id + "/4\", \"stateRank\": {\"$lt\": 3}}"));
        Document update = change.advancingUpdate();
        assertThat(update.get("$set", Document.class)).containsEntry("studyId", study.id).containsEntry("number", 4)
                .containsEntry("state", "COMPLETE");
    }

    @Test
    void aNonFiniteFinalValueIsKeptButNeverRankedAsBest() {
        StateChange change = EventChanges.of(study.trialCompleted(1, "trainer-a", 10, Double.NaN));
        assertThat(change.advance()).doesNotContainKey("value");
        assertThat(change.advance().getList("values", Double.class).get(0)).isNaN();
    }

    @Test
    void anEpochReportIsStoredByEpochNumberWhateverTheState() {
        var report = study.epoch(2, "trainer-a", 10, 0.5);
        StateChange change = EventChanges.of(report);
        assertThat(change.expectAdvance()).isFalse();
        assertThat(change.rank()).isEqualTo(2);
        assertThat(change.enrichingUpdate().get("$set", Document.class)).doesNotContainKey("intermediate.10");
        Document epochs = EventChanges.epochs(report);
        assertThat(epochs).containsEntry("intermediate.10", List.of(0.5));
        assertThat(epochs.get("epochMetrics.10", Document.class)).containsEntry("loss", 1.0);
        assertThat(change.enrichingUpdate().get("$max", Document.class)).containsEntry("lastEpoch", 10);
        assertThat(change.atOrAboveRank()).isEqualTo(Document.parse(
                "{\"_id\": \"" + study.id + "/2\", \"stateRank\": {\"$gte\": 2}}"));
    }

    @Test
    void aStartKeepsTheEarliestStartTime() {
        StateChange change = EventChanges.of(study.started(0, "trainer-a"));
        assertThat(change.advance()).containsEntry("state", "RUNNING").containsEntry("trainerId", "trainer-a");
        assertThat(change.enrichingUpdate().get("$min", Document.class)).containsKey("startedAt");
        assertThat(change.enrichingUpdate().get("$set", Document.class).get("params", Document.class))
                .containsEntry("opt.lr", 0.01);
    }

    @Test
    void aScheduledTrialIsWaitingWithItsParamsAndSeed() {
        StateChange change = EventChanges.of(study.scheduled(2));
        assertThat(change.rank()).isEqualTo(1);
        assertThat(change.advance()).containsEntry("state", "WAITING");
        assertThat(change.enrichingUpdate().get("$set", Document.class)).containsEntry("seed", 1002L)
                .containsEntry("pruning", true);
    }

    @Test
    void aScheduledTrialOnlyCreatesAWaitingTrialAndEnrichesOneFurtherAlong() {
        Document upsert = EventChanges.scheduledUpsert(study.scheduled(2));
        assertThat(upsert.get("$setOnInsert", Document.class)).containsEntry("state", "WAITING")
                .containsEntry("stateRank", 1);
        assertThat(upsert.get("$set", Document.class)).containsEntry("seed", 1002L).doesNotContainKey("state");
        assertThat(upsert.get("$min", Document.class)).containsKey("scheduledAt");
    }

    @Test
    void anAcceptedStudyKeepsItsSpecInSnakeCase() {
        StateChange change = EventChanges.of(study.accepted());
        assertThat(change.rank()).isEqualTo(1);
        Document set = change.enrichingUpdate().get("$set", Document.class);
        assertThat(set).containsEntry("name", "unit").containsEntry("directions", List.of("minimize"));
        Document spec = set.get("spec", Document.class);
        assertThat(spec.getList("search_space", Document.class)).extracting(d -> d.getString("name"))
                .containsExactly("x0", "opt.lr");
        assertThat(spec.get("budget", Document.class)).containsEntry("n_trials", 4);
    }

    @Test
    void rejectionAndCompletionShareTheFinalStudyRank() {
        StateChange rejected = EventChanges.of(study.rejected("bad"));
        StateChange completed = EventChanges.of(study.completed("n_trials reached", 4));
        assertThat(rejected.rank()).isEqualTo(completed.rank()).isEqualTo(2);
        assertThat(rejected.advance()).containsEntry("state", "REJECTED").containsEntry("reason", "bad");
        assertThat(completed.advance()).containsEntry("state", "COMPLETE").containsEntry("finishedTrials", 4);
    }

    @Test
    void aChangeCannotBothAdvanceAndEnrichAField() {
        assertThatThrownBy(() -> new StateChange("x", 1, new Document("state", "A").append("stateRank", 1),
                new Document("$set", new Document("state", "B")), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'state'");
        assertThatThrownBy(() -> new StateChange("x", 2, new Document("stateRank", 1), new Document(), true))
                .hasMessageContaining("stateRank to 2");
    }
}

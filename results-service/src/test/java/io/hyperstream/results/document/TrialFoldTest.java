package io.hyperstream.results.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.TrialState;
import io.hyperstream.results.TestStudy;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class TrialFoldTest {

    private final TestStudy study = TestStudy.of("fold", "minimize");

    @Test
    void aNewTrialsEventsBecomeOneInsertOfTheirFurthestState() {
        TrialFold fold = new TrialFold(study.id + "/0", null, null);
        assertThat(fold.apply(EventChanges.of(study.started(0, "trainer-a")))).isTrue();
        assertThat(fold.apply(EventChanges.of(study.epoch(0, "trainer-a", 1, 3.0)))).isFalse();
        assertThat(fold.apply(EventChanges.of(study.epoch(0, "trainer-a", 2, 2.0)))).isFalse();
        assertThat(fold.apply(EventChanges.of(study.trialCompleted(0, "trainer-a", 2, 2.0)))).isTrue();

        assertThat(fold.state()).isEqualTo(TrialState.COMPLETE);
        assertThat(fold.inserts()).isTrue();
        assertThat(fold.filter()).isEqualTo(new Document("_id", study.id + "/0").append("stateRank", -1));
        Document update = fold.update();
        assertThat(update.get("$set", Document.class)).containsEntry("state", "COMPLETE").containsEntry("stateRank", 3)
                .containsEntry("values", List.of(2.0)).containsEntry("number", 0);
        assertThat(update.get("$max", Document.class)).containsEntry("lastEpoch", 2);
        assertThat(update.get("$min", Document.class)).containsKey("startedAt");
    }

    @Test
    void anEventBehindTheStoredStateOnlyEnrichesAndTheFirstFinishedStateWins() {
        TrialFold fold = new TrialFold(study.id + "/1", 3, TrialState.PRUNED);
        assertThat(fold.apply(EventChanges.of(study.trialCompleted(1, "trainer-b", 4, 1.0)))).isFalse();
        assertThat(fold.apply(EventChanges.of(study.started(1, "trainer-b")))).isFalse();
        assertThat(fold.state()).isEqualTo(TrialState.PRUNED);
        assertThat(fold.inserts()).isFalse();
        assertThat(fold.filter()).isEqualTo(new Document("_id", study.id + "/1").append("stateRank", 3));
        assertThat(fold.update().get("$set", Document.class)).doesNotContainKeys("state", "values", "stateRank");
    }

    @Test
    void comparedFieldsKeepTheLowestAndHighestValue() {
        TrialFold fold = new TrialFold(study.id + "/2", 1, TrialState.WAITING);
        Date late = new Date(2_000_000);
        Date early = new Date(1_000_000);
        fold.apply(new StateChange(study.id + "/2", 2, new Document("state", "RUNNING").append("stateRank", 2),
                new Document("$min", new Document("startedAt", late)).append("$max", new Document("lastEpoch", 7)), true));
        fold.apply(new StateChange(study.id + "/2", 2, new Document("state", "RUNNING").append("stateRank", 2),
                new Document("$min", new Document("startedAt", early)).append("$max", new Document("lastEpoch", 3)), true));
        assertThat(fold.update().get("$min", Document.class)).containsEntry("startedAt", early);
        assertThat(fold.update().get("$max", Document.class)).containsEntry("lastEpoch", 7);
    }

    @Test
    void aFieldCannotBeBothSetAndCompared() {
        TrialFold fold = new TrialFold(study.id + "/3", null, null);
        fold.apply(EventChanges.of(study.epoch(3, "trainer-a", 1, 3.0)));
        assertThatThrownBy(() -> fold.set("lastEpoch", 4)).hasMessageContaining("'lastEpoch'");
        assertThatThrownBy(() -> fold.apply(EventChanges.of(TestStudy.of("other", "minimize").started(3, "t"))))
                .hasMessageContaining("folded into trial");
    }
}

package io.hyperstream.results.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class EpochHistoryTest {

    @Test
    void epochsAreSortedByNumberNotByText() {
        Document trial = new Document("intermediate", new Document("10", List.of(0.1)).append("9", List.of(0.2))
                .append("1", List.of(0.9)))
                .append("epochMetrics", new Document("9", new Document("loss", 0.4)));
        List<EpochHistory.EpochResult> history = EpochHistory.of(trial);
        assertThat(history).extracting(EpochHistory.EpochResult::epoch).containsExactly(1, 9, 10);
        assertThat(history.get(1).values()).containsExactly(0.2);
        assertThat(history.get(1).metrics()).containsEntry("loss", 0.4);
        assertThat(history.get(2).metrics()).isEmpty();
    }

    @Test
    void aTrialWithoutReportsHasNoHistory() {
        assertThat(EpochHistory.of(new Document("state", "WAITING"))).isEmpty();
    }

    @Test
    void anEpochWithOnlyMetricsStillAppears() {
        List<EpochHistory.EpochResult> history = EpochHistory.of(new Document("epochMetrics",
                new Document("3", new Document("loss", 1))));
        assertThat(history).singleElement().satisfies(e -> {
            assertThat(e.epoch()).isEqualTo(3);
            assertThat(e.values()).isEmpty();
            assertThat(e.metrics()).containsEntry("loss", 1.0);
        });
    }
}

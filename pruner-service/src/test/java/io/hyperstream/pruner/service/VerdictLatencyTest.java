package io.hyperstream.pruner.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VerdictLatencyTest {

    @Test
    void percentilesOverTheLatestWindow() {
        VerdictLatency latency = new VerdictLatency(4);
        assertThat(latency.percentileMillis(50)).isNaN();
        for (int ms : new int[] {100, 1, 2, 3, 4}) {
            latency.record(Duration.ofMillis(ms));
        }
        // 100 ms fell out of the window of 4.
        assertThat(latency.count()).isEqualTo(5);
        assertThat(latency.percentileMillis(50)).isEqualTo(2.0);
        assertThat(latency.percentileMillis(99)).isEqualTo(4.0);
        assertThat(latency.percentileMillis(0)).isEqualTo(1.0);
    }
}

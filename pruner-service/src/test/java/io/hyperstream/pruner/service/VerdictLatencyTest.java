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
            latency.record("s", false, Duration.ofMillis(ms), Duration.ofMillis(ms / 2));
        }
        // 100 ms fell out of the window of 4.
        assertThat(latency.count()).isEqualTo(5);
        assertThat(latency.percentileMillis(50)).isEqualTo(2.0);
        assertThat(latency.percentileMillis(99)).isEqualTo(4.0);
        assertThat(latency.percentileMillis(0)).isEqualTo(1.0);
        assertThat(latency.handlingPercentileMillis(99)).isEqualTo(2.0);
    }

    @Test
    void keepsEveryVerdictOfTheLatestStudies() {
        VerdictLatency latency = new VerdictLatency(2, 2);
        for (int ms = 1; ms <= 100; ms++) {
            latency.record("a", ms % 10 == 0, Duration.ofMillis(ms), Duration.ofMillis(1));
        }
        latency.record("b", true, Duration.ofMillis(7), Duration.ofMillis(2));

        assertThat(latency.study("a")).contains(new VerdictLatency.StudyFigures("a", 100, 10, 50.0, 99.0, 100.0, 1.0, 1.0));
        assertThat(latency.study("b")).contains(new VerdictLatency.StudyFigures("b", 1, 1, 7.0, 7.0, 7.0, 2.0, 2.0));
        latency.record("c", false, Duration.ofMillis(1), Duration.ofMillis(1));
        // Only the latest two studies are kept.
        assertThat(latency.study("a")).isEmpty();
        assertThat(latency.study("unknown")).isEmpty();
    }
}

package io.hyperstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerdictRoundTripsTest {

    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void eachVerdictIsMatchedToItsTrialAndEpochsReport() {
        VerdictRoundTrips trips = new VerdictRoundTrips();
        trips.report(0, 1, at(0));
        trips.report(1, 1, at(2));
        trips.report(0, 2, at(10));
        trips.verdict(1, 1, at(5));
        trips.verdict(0, 1, at(4));
        trips.verdict(0, 2, at(30));

        assertThat(trips.millis()).containsExactly(3.0, 4.0, 20.0);
        assertThat(trips.quantileMillis(0.5)).isEqualTo(4.0);
        assertThat(trips.quantileMillis(0.99)).isEqualTo(20.0 - 0.02 * 16, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aVerdictOfARerunTrialIsMatchedToTheReportItAnswered() {
        VerdictRoundTrips trips = new VerdictRoundTrips();
        trips.report(3, 1, at(0));
        trips.verdict(3, 1, at(7));
        // The trial ran again and reported epoch 1 a second time.
        trips.report(3, 1, at(1000));
        trips.verdict(3, 1, at(1002));

        assertThat(trips.millis()).containsExactly(7.0, 2.0);
    }

    @Test
    void aVerdictReceivedBeforeItsReportWasReadCountsOnceTheReportIsRead() {
        VerdictRoundTrips trips = new VerdictRoundTrips();
        // The verdicts and trial-events topics are read by one consumer, in no particular order between them.
        trips.verdict(2, 4, at(12));
        assertThat(trips.millis()).isEmpty();
        assertThat(trips.quantileMillis(0.5)).isNull();
        trips.report(2, 4, at(9));
        assertThat(trips.millis()).containsExactly(3.0);
    }
}

package io.hyperstream.cli.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The time from an epoch report (the trainer's timestamp on it) to a consumer of the verdicts
 * topic receiving its verdict: what a trainer waits, through the broker both ways. A verdict is
 * matched to the latest report of its trial and epoch made before it was received, so a trial run
 * again (its epochs reported a second time) is matched to the attempt that was answered.
 */
final class VerdictRoundTrips {

    private record Step(int trial, int epoch) {
    }

    private record Received(Step step, Instant at) {
    }

    private final Map<Step, TreeSet<Instant>> reports = new HashMap<>();
    private final List<Received> verdicts = new ArrayList<>();

    /** An epoch report as stamped by its trainer. */
    void report(int trial, int epoch, Instant timestamp) {
        reports.computeIfAbsent(new Step(trial, epoch), s -> new TreeSet<>()).add(timestamp);
    }

    /** A verdict on a trial's epoch, received at {@code receivedAt}. */
    void verdict(int trial, int epoch, Instant receivedAt) {
        verdicts.add(new Received(new Step(trial, epoch), receivedAt));
    }

    /** The round trips in milliseconds, one per verdict whose report was seen (in the order received). */
    double[] millis() {
        List<Double> result = new ArrayList<>();
        for (Received v : verdicts) {
            TreeSet<Instant> times = reports.get(v.step());
            Instant report = times == null ? null : times.floor(v.at());
            if (report != null) {
                result.add(Duration.between(report, v.at()).toNanos() / 1e6);
            }
        }
        return result.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The q-quantile (0..1) of the round trips in milliseconds, or null without any. */
    Double quantileMillis(double q) {
        double[] ms = millis();
        return ms.length == 0 ? null : Stats.quantile(ms, q);
    }
}

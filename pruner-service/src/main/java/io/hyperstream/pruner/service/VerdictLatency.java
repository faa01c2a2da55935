package io.hyperstream.pruner.service;

import java.time.Duration;
import java.util.Arrays;

/**
 * The time from an epoch report (its timestamp) to the publication of its verdict, over the last
 * verdicts, for operators and benchmarks.
 */
public class VerdictLatency {

    private static final int WINDOW = 10_000;

    private final double[] millis = new double[WINDOW];
    private long count;

    public synchronized void record(Duration latency) {
        millis[(int) (count % WINDOW)] = latency.toNanos() / 1e6;
        count++;
    }

    /** The p-th percentile (0-100) of the recorded latencies in milliseconds, NaN if none. */
    public synchronized double percentileMillis(double p) {
        int n = (int) Math.min(count, WINDOW);
        if (n == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(millis, n);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100 * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, index))];
    }

    public synchronized long count() {
        return count;
    }
}

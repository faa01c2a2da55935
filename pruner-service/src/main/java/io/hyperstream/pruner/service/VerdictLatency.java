package io.hyperstream.pruner.service;

import java.time.Duration;
import java.util.Arrays;

/**
 * The time from an epoch report (its timestamp) to the publication of its verdict, over the
 * latest verdicts: the delay a waiting trainer sees, for operators and benchmarks.
 */
public class VerdictLatency {

    private final double[] millis;
    private long count;

    /** Keeps the latest {@code window} latencies. */
    public VerdictLatency(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, but got " + window);
        }
        this.millis = new double[window];
    }

    /** Records one verdict's latency. */
    public synchronized void record(Duration latency) {
        millis[(int) (count % millis.length)] = latency.toNanos() / 1e6;
        count++;
    }

    /** The p-th percentile (0-100, nearest rank) of the latencies kept, in milliseconds; NaN if none. */
    public synchronized double percentileMillis(double p) {
        int n = (int) Math.min(count, millis.length);
        if (n == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(millis, n);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100 * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, index))];
    }

    /** How many verdicts were recorded since start-up. */
    public synchronized long count() {
        return count;
    }
}

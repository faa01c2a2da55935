package io.hyperstream.pruner.service;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The time from an epoch report (its timestamp) to the publication of its verdict: over the
 * latest verdicts of all studies, and per study for the latest {@code studies} studies (completed
 * ones included), so that operators and benchmarks can read a study's figures after it ended.
 */
public class VerdictLatency {

    /** One study's verdicts: how many, how many said prune, and their latency percentiles (nearest rank). */
    public record StudyFigures(String studyId, long verdicts, long pruned, Double latencyMsP50, Double latencyMsP99,
                               Double latencyMsMax) {
    }

    private static final class PerStudy {
        double[] millis = new double[64];
        int count;
        long pruned;

        void add(double ms, boolean prune) {
            if (count == millis.length) {
                millis = Arrays.copyOf(millis, count * 2);
            }
            millis[count++] = ms;
            if (prune) {
                pruned++;
            }
        }
    }

    private final double[] millis;
    private long count;
    private final Map<String, PerStudy> perStudy;

    /** Keeps the latest {@code window} latencies overall, and those of the latest 1000 studies. */
    public VerdictLatency(int window) {
        this(window, 1000);
    }

    public VerdictLatency(int window, int studies) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, but got " + window);
        }
        this.millis = new double[window];
        this.perStudy = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PerStudy> eldest) {
                return size() > studies;
            }
        };
    }

    /** Records one verdict's latency. */
    public synchronized void record(String studyId, boolean prune, Duration latency) {
        double ms = latency.toNanos() / 1e6;
        millis[(int) (count % millis.length)] = ms;
        count++;
        perStudy.computeIfAbsent(studyId, id -> new PerStudy()).add(ms, prune);
    }

    /** The p-th percentile (0-100, nearest rank) of the latencies kept, in milliseconds; NaN if none. */
    public synchronized double percentileMillis(double p) {
        int n = (int) Math.min(count, millis.length);
        return percentile(Arrays.copyOf(millis, n), p);
    }

    /** A study's figures, if it had verdicts recently. */
    public synchronized Optional<StudyFigures> study(String studyId) {
        PerStudy s = perStudy.get(studyId);
        if (s == null) {
            return Optional.empty();
        }
        double[] values = Arrays.copyOf(s.millis, s.count);
        return Optional.of(new StudyFigures(studyId, s.count, s.pruned, finite(percentile(values, 50)),
                finite(percentile(values, 99)), finite(percentile(values, 100))));
    }

    /** How many verdicts were recorded since start-up. */
    public synchronized long count() {
        return count;
    }

    private static double percentile(double[] values, double p) {
        int n = values.length;
        if (n == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100 * n) - 1;
        return sorted[Math.max(0, Math.min(n - 1, index))];
    }

    private static Double finite(double v) {
        return Double.isNaN(v) ? null : v;
    }
}

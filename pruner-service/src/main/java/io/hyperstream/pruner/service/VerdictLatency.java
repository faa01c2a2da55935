package io.hyperstream.pruner.service;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The time from an epoch report (its timestamp) to the publication of its verdict, and the part of
 * it spent in the pruner (from the poll that read the report to the verdict acknowledged by the
 * broker): over the latest verdicts of all studies, and per study for the latest {@code studies}
 * studies (completed ones included), so that operators and benchmarks can read a study's figures
 * after it ended. The rest of the time is the trainer publishing its report, the broker, and the
 * pruner's consumer fetching it.
 */
public class VerdictLatency {

    /** One study's verdicts: how many, how many said prune, and their latency percentiles (nearest rank). */
    public record StudyFigures(String studyId, long verdicts, long pruned, Double latencyMsP50, Double latencyMsP99,
                               Double latencyMsMax, Double handlingMsP50, Double handlingMsP99) {
    }

    private static final class PerStudy {
        double[] millis = new double[64];
        double[] handling = new double[64];
        int count;
        long pruned;

        void add(double ms, double handlingMs, boolean prune) {
            if (count == millis.length) {
                millis = Arrays.copyOf(millis, count * 2);
                handling = Arrays.copyOf(handling, count * 2);
            }
            millis[count] = ms;
            handling[count++] = handlingMs;
            if (prune) {
                pruned++;
            }
        }
    }

    private final double[] millis;
    private final double[] handling;
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
        this.handling = new double[window];
        this.perStudy = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PerStudy> eldest) {
                return size() > studies;
            }
        };
    }

    /** Records one verdict's latency since its report, and the part of it spent in the pruner. */
    public synchronized void record(String studyId, boolean prune, Duration sinceReport, Duration inPruner) {
        double ms = sinceReport.toNanos() / 1e6;
        double handlingMs = inPruner.toNanos() / 1e6;
        millis[(int) (count % millis.length)] = ms;
        handling[(int) (count % handling.length)] = handlingMs;
        count++;
        perStudy.computeIfAbsent(studyId, id -> new PerStudy()).add(ms, handlingMs, prune);
    }

    /** The p-th percentile (0-100, nearest rank) of the latencies kept, in milliseconds; NaN if none. */
    public synchronized double percentileMillis(double p) {
        int n = (int) Math.min(count, millis.length);
        return percentile(Arrays.copyOf(millis, n), p);
    }

    /** The p-th percentile of the time spent in the pruner, in milliseconds; NaN if none. */
    public synchronized double handlingPercentileMillis(double p) {
        int n = (int) Math.min(count, handling.length);
        return percentile(Arrays.copyOf(handling, n), p);
    }

    /** A study's figures, if it had verdicts recently. */
    public synchronized Optional<StudyFigures> study(String studyId) {
        PerStudy s = perStudy.get(studyId);
        if (s == null) {
            return Optional.empty();
        }
        double[] values = Arrays.copyOf(s.millis, s.count);
        double[] handled = Arrays.copyOf(s.handling, s.count);
        return Optional.of(new StudyFigures(studyId, s.count, s.pruned, finite(percentile(values, 50)),
                finite(percentile(values, 99)), finite(percentile(values, 100)), finite(percentile(handled, 50)),
                finite(percentile(handled, 99))));
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

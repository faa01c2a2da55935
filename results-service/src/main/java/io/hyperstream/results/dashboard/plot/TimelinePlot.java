package io.hyperstream.results.dashboard.plot;

import io.hyperstream.model.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each trial ran and on which trainer: one row per trainer, one bar per trial from its start
 * to its end (now, while it runs), and the number of trials running at once over time. Rows of
 * trainers that work side by side show how the study scaled out. Past {@code maxBars} bars,
 * consecutive trials of a trainer are joined into bars of a minimum width (with their count and
 * the state most of them ended in), the width doubling until the bars fit.
 *
 * @param trainers      one row per trainer, by the time of its first trial
 * @param withoutTimes  trials that have a trainer but no recorded start
 * @param concurrency   trials running at each change, sampled to at most {@code maxBars} points
 */
public record TimelinePlot(Long start, Long end, int trials, int withoutTimes, List<Trainer> trainers,
                           boolean merged, List<Bar> bars, long[] concurrencyAt, int[] concurrency) {

    /** One trainer's row: how many trials it ran and how long it was busy. */
    public record Trainer(String id, int trials, long busyMs) {
    }

    /**
     * One bar: a trial, or consecutive trials of one trainer when merged.
     *
     * @param trainer index into {@code trainers}
     * @param number  the (first) trial's number
     * @param count   how many trials the bar stands for
     * @param state   the trial's state, or the state most of the merged trials are in
     */
    public record Bar(int trainer, long start, long end, int number, int count, TrialState state) {
    }

    /** The timeline of a study's trials as of {@code now} (epoch milliseconds). */
    public static TimelinePlot of(StudyData study, long now, int maxBars) {
        Map<String, List<TrialRow>> byTrainer = new LinkedHashMap<>();
        int withoutTimes = 0;
        List<TrialRow> timed = new ArrayList<>();
        for (TrialRow row : study.rows()) {
            if (row.trainerId() == null) {
                continue;
            }
            if (row.startedAt() == null) {
                withoutTimes++;
                continue;
            }
            timed.add(row);
        }
        timed.sort(Comparator.comparingLong(TrialRow::startedAt).thenComparingInt(TrialRow::number));
        for (TrialRow row : timed) {
            byTrainer.computeIfAbsent(row.trainerId(), k -> new ArrayList<>()).add(row);
        }
        List<Trainer> trainers = new ArrayList<>();
        List<List<Bar>> rows = new ArrayList<>();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (Map.Entry<String, List<TrialRow>> e : byTrainer.entrySet()) {
            int index = trainers.size();
            List<Bar> bars = new ArrayList<>();
            long busy = 0;
            for (TrialRow row : e.getValue()) {
                long s = row.startedAt();
                long f = Math.max(s, row.finishedAt() != null ? row.finishedAt() : now);
                bars.add(new Bar(index, s, f, row.number(), 1, row.state()));
                busy += f - s;
                start = Math.min(start, s);
                end = Math.max(end, f);
            }
            trainers.add(new Trainer(e.getKey(), bars.size(), busy));
            rows.add(bars);
        }
        int total = rows.stream().mapToInt(List::size).sum();
        boolean merged = false;
        if (total > maxBars && total > 0) {
            merged = true;
            // Bars of at least this width fill a row with about maxBars / trainers of them.
            double width = Math.max(1.0, (end - start) * (double) trainers.size() / maxBars);
            List<List<Bar>> original = rows;
            // Once a bar spans the whole study every row is one bar: more trainers than bars stop there.
            while (rows.stream().mapToInt(List::size).sum() > maxBars && width <= 2.0 * (end - start) + 2) {
                List<List<Bar>> next = new ArrayList<>();
                for (List<Bar> row : original) {
                    next.add(merge(row, width));
                }
                rows = next;
                width *= 2;
            }
        }
        List<Bar> bars = new ArrayList<>();
        rows.forEach(bars::addAll);
        long[][] running = concurrency(timed, now, maxBars);
        return new TimelinePlot(timed.isEmpty() ? null : start, timed.isEmpty() ? null : end, timed.size(),
                withoutTimes, trainers, merged, bars, running[0], toInts(running[1]));
    }

    /**
     * Consecutive bars of a row joined while the joined bar stays within {@code width}: a trainer
     * busy without pause becomes bars of about that width, an idle stretch longer than it stays a gap.
     */
    private static List<Bar> merge(List<Bar> row, double width) {
        List<Bar> out = new ArrayList<>();
        List<Bar> group = new ArrayList<>();
        for (Bar bar : row) {
            if (!group.isEmpty() && (bar.end() - group.get(0).start() > width
                    || bar.start() - group.get(group.size() - 1).end() > width)) {
                out.add(combine(group));
                group.clear();
            }
            group.add(bar);
        }
        if (!group.isEmpty()) {
            out.add(combine(group));
        }
        return out;
    }

    private static Bar combine(List<Bar> group) {
        if (group.size() == 1) {
            return group.get(0);
        }
        Map<TrialState, Integer> byState = new EnumMap<>(TrialState.class);
        long end = Long.MIN_VALUE;
        int count = 0;
        for (Bar bar : group) {
            byState.merge(bar.state(), bar.count(), Integer::sum);
            end = Math.max(end, bar.end());
            count += bar.count();
        }
        TrialState most = byState.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        Bar first = group.get(0);
        return new Bar(first.trainer(), first.start(), end, first.number(), count, most);
    }

    /** Times at which the number of running trials changes, with that number; bucketed to at most max points. */
    private static long[][] concurrency(List<TrialRow> timed, long now, int max) {
        List<long[]> changes = new ArrayList<>();
        for (TrialRow row : timed) {
            changes.add(new long[] {row.startedAt(), 1});
            changes.add(new long[] {Math.max(row.startedAt(), row.finishedAt() != null ? row.finishedAt() : now), -1});
        }
        // Ends before starts at the same instant: a trainer's next trial does not count twice.
        changes.sort(Comparator.<long[]>comparingLong(c -> c[0]).thenComparingLong(c -> c[1]));
        List<long[]> steps = new ArrayList<>();
        int running = 0;
        for (long[] c : changes) {
            running += (int) c[1];
            if (!steps.isEmpty() && steps.get(steps.size() - 1)[0] == c[0]) {
                steps.get(steps.size() - 1)[1] = running;
                // A trial ending as the next one starts leaves the level where it was: no step.
                if (steps.size() > 1 && steps.get(steps.size() - 2)[1] == running) {
                    steps.remove(steps.size() - 1);
                }
            } else if (steps.isEmpty() || steps.get(steps.size() - 1)[1] != running) {
                steps.add(new long[] {c[0], running});
            }
        }
        if (steps.size() > max && max > 0) {
            // Keep each bucket's highest level: peaks of parallelism are what the plot is for.
            List<long[]> bucketed = new ArrayList<>();
            int n = steps.size();
            for (int b = 0; b < max; b++) {
                int from = (int) ((long) b * n / max);
                int to = (int) ((long) (b + 1) * n / max);
                long[] peak = steps.get(from);
                for (int i = from + 1; i < to; i++) {
                    if (steps.get(i)[1] > peak[1]) {
                        peak = steps.get(i);
                    }
                }
                bucketed.add(new long[] {steps.get(from)[0], peak[1]});
            }
            bucketed.add(steps.get(n - 1));
            steps = bucketed;
        }
        long[] at = new long[steps.size()];
        long[] level = new long[steps.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = steps.get(i)[0];
            level[i] = steps.get(i)[1];
        }
        return new long[][] {at, level};
    }

    private static int[] toInts(long[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (int) values[i];
        }
        return out;
    }
}

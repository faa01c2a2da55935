package io.hyperstream.cli.bench;

import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one run of the scaling benchmark measured, from the trainers' own event timestamps: the
 * window runs from the first trial's start to the last trial's end.
 *
 * @param trainers        trainer processes
 * @param finished        trials that ended
 * @param windowS         seconds from the first {@code TrialStarted} to the last terminal event
 * @param wallS           seconds from the submission to the study's completion, as hpo saw it
 * @param trialsByTrainer trials each trainer ended
 * @param restarts        trials started again (an attempt above 1)
 */
record ScalingFigures(int trainers, long finished, double windowS, double wallS, Map<String, Long> trialsByTrainer,
                      long restarts) {

    /** Trials ended per minute of the window. */
    double trialsPerMin() {
        return finished / windowS * 60;
    }

    /**
     * The figures of a run from its study's trial events.
     *
     * @throws IllegalArgumentException if no trial started and ended
     */
    static ScalingFigures of(int trainers, Iterable<TrialEvent> events, double wallS) {
        Instant firstStart = null;
        Instant lastEnd = null;
        Map<Integer, TrialEvent> ends = new TreeMap<>();
        long restarts = 0;
        for (TrialEvent event : events) {
            if (event instanceof TrialStarted) {
                firstStart = firstStart == null || event.timestamp().isBefore(firstStart) ? event.timestamp() : firstStart;
                restarts += event.attempt() > 1 ? 1 : 0;
            } else if (event.isTerminal() && ends.putIfAbsent(event.trialNumber(), event) == null) {
                lastEnd = lastEnd == null || event.timestamp().isAfter(lastEnd) ? event.timestamp() : lastEnd;
            }
        }
        if (firstStart == null || lastEnd == null || !lastEnd.isAfter(firstStart)) {
            throw new IllegalArgumentException("no trial both started and ended, so there is nothing to time");
        }
        Map<String, Long> byTrainer = ends.values().stream()
                .collect(Collectors.groupingBy(TrialEvent::trainerId, TreeMap::new, Collectors.counting()));
        return new ScalingFigures(trainers, ends.size(), Duration.between(firstStart, lastEnd).toNanos() / 1e9, wallS,
                byTrainer, restarts);
    }
}

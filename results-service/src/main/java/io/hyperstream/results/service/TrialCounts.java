package io.hyperstream.results.service;

import io.hyperstream.model.TrialState;
import java.util.Map;

/** How many trials of a study are in each state, in all, and finished (complete, pruned or failed). */
public record TrialCounts(long waiting, long running, long complete, long pruned, long fail, long total, long finished) {

    /** No trials. */
    public static final TrialCounts NONE = new TrialCounts(0, 0, 0, 0, 0, 0, 0);

    /** Counts from a count per state name; unknown names are ignored. */
    public static TrialCounts of(Map<String, Long> byState) {
        long waiting = byState.getOrDefault(TrialState.WAITING.name(), 0L);
        long running = byState.getOrDefault(TrialState.RUNNING.name(), 0L);
        long complete = byState.getOrDefault(TrialState.COMPLETE.name(), 0L);
        long pruned = byState.getOrDefault(TrialState.PRUNED.name(), 0L);
        long fail = byState.getOrDefault(TrialState.FAIL.name(), 0L);
        return new TrialCounts(waiting, running, complete, pruned, fail,
                waiting + running + complete + pruned + fail, complete + pruned + fail);
    }
}

package io.hyperstream.results.dashboard.plot;

import io.hyperstream.model.TrialState;
import java.util.Map;

/**
 * What the dashboard's plots need of one trial, without its epoch history: a few hundred bytes
 * kept per trial in memory.
 *
 * @param values        final value(s) of a complete trial, last value(s) of a pruned one; may be null
 * @param startedAt     epoch milliseconds, or null while unknown
 * @param finishedAt    epoch milliseconds, or null while the trial runs
 * @param lastEpoch     highest epoch reported, or null when none was
 */
public record TrialRow(int number, TrialState state, double[] values, Map<String, Object> params,
                       String trainerId, Long startedAt, Long finishedAt, Integer lastEpoch,
                       Integer prunedAtEpoch) {

    /** The trial's value of one objective if it is complete and that value is finite, else NaN. */
    public double completeValue(int objective) {
        if (state != TrialState.COMPLETE || values == null || objective >= values.length) {
            return Double.NaN;
        }
        return Double.isFinite(values[objective]) ? values[objective] : Double.NaN;
    }

    /** Milliseconds from start to finish, or null when either is unknown. */
    public Long durationMs() {
        return startedAt == null || finishedAt == null ? null : finishedAt - startedAt;
    }
}

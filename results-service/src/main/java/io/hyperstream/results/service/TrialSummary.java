package io.hyperstream.results.service;

import io.hyperstream.model.TrialState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A trial in a page of trials (without its epoch history).
 *
 * @param values        final value(s) of a complete trial, last value(s) of a pruned one
 * @param lastEpoch     the highest epoch reported so far
 * @param prunedAtEpoch the epoch after which a pruned trial stopped
 * @param reason        why a failed trial failed
 */
public record TrialSummary(int number, TrialState state, Map<String, Object> params, List<Double> values,
                           Map<String, Double> metrics, Integer lastEpoch, Integer prunedAtEpoch, String reason,
                           String trainerId, Instant scheduledAt, Instant startedAt, Instant finishedAt) {
}

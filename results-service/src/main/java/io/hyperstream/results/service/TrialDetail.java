package io.hyperstream.results.service;

import io.hyperstream.model.TrialState;
import io.hyperstream.results.document.EpochHistory;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One trial with its epoch history.
 *
 * @param values        final value(s) of a complete trial, last value(s) of a pruned one
 * @param epochs        the epochs a complete trial trained
 * @param prunedAtEpoch the epoch after which a pruned trial stopped
 * @param reason        why a failed trial failed
 * @param seed          the seed its objective ran with
 * @param pruning       whether its trainer waited for prune verdicts
 * @param attempt       the latest attempt heard of: above 1 when the trial ran again after its
 *                      trainer stopped (null before a trainer took it)
 * @param history       every epoch its latest attempt reported, in epoch order
 */
public record TrialDetail(String studyId, int number, TrialState state, Map<String, Object> params,
                          List<Double> values, Map<String, Double> metrics, Integer epochs, Integer prunedAtEpoch,
                          String reason, String trainerId, Long seed, Boolean pruning, Instant scheduledAt,
                          Instant startedAt, Instant finishedAt, Integer attempt,
                          List<EpochHistory.EpochResult> history) {
}

package io.hyperstream.results.service;

import io.hyperstream.model.StudyState;
import io.hyperstream.model.spec.Direction;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One study with its spec, trial counts and best trial(s).
 *
 * @param reason         why the study was rejected or why it completed; null while running
 * @param spec           the spec as run (sampler seed filled in), in its snake_case JSON form
 * @param best           the best complete trial by the study's direction; null for multi-objective
 *                       studies and while no trial is complete
 * @param bestTrials     the non-dominated complete trials (the Pareto front, each objective in its
 *                       direction), by number; with one objective, the trials that share the best
 *                       value; empty while no trial is complete
 * @param nullAccuracy   the {@code null_accuracy} the objective reports (the share of the majority
 *                       class: the accuracy of always answering it), the baseline of accuracy
 *                       metrics; null when the objective reports none
 * @param finishedTrials the finished trials the sampler counted when it completed the study
 * @param duplicateSubmissions later submissions with this study's id, each rejected without
 *                       changing the study, in the order they were stored
 */
public record StudyDetail(String id, String name, StudyState state, String reason, Map<String, Object> spec,
                          List<Direction> directions, TrialCounts counts, BestTrial best,
                          List<BestTrial> bestTrials, Double nullAccuracy, Integer finishedTrials,
                          Instant createdAt, Instant acceptedAt, Instant rejectedAt, Instant completedAt,
                          List<DuplicateSubmission> duplicateSubmissions) {
}

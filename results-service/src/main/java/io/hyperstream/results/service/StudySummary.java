package io.hyperstream.results.service;

import io.hyperstream.model.StudyState;
import io.hyperstream.model.spec.Direction;
import java.time.Instant;
import java.util.List;

/**
 * A study in the study list.
 *
 * @param bestValue the best final value among complete trials of a single-objective study, or null
 */
public record StudySummary(String id, String name, StudyState state, List<Direction> directions,
                           TrialCounts counts, Double bestValue, Instant createdAt) {
}

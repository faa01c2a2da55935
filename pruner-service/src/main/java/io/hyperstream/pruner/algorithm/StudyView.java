package io.hyperstream.pruner.algorithm;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import java.util.List;

/**
 * What a pruner may read about a study: its id (Hyperband-style pruners derive a trial's bracket
 * from it), its objective directions and every trial known so far, in trial-number order.
 */
public record StudyView(String studyId, List<Direction> directions, List<TrialView> trials) {

    public StudyView {
        if (studyId == null || studyId.isBlank()) {
            throw new IllegalArgumentException("studyId is required");
        }
        if (directions == null || directions.isEmpty()) {
            throw new IllegalArgumentException("directions must hold at least one direction");
        }
        directions = List.copyOf(directions);
        trials = List.copyOf(trials);
    }

    /** Whether the study optimizes more than one objective. */
    public boolean isMultiObjective() {
        return directions.size() > 1;
    }

    /**
     * The direction of a single-objective study. Like Optuna's {@code study.direction}, it is an
     * error to ask for it in a multi-objective study.
     */
    public Direction direction() {
        if (isMultiObjective()) {
            throw new IllegalStateException("study " + studyId + " has " + directions.size()
                    + " directions " + directions + "; pruning needs a single-objective study");
        }
        return directions.get(0);
    }

    /** The trials in the given state. */
    public List<TrialView> trials(TrialState state) {
        return trials.stream().filter(t -> t.state() == state).toList();
    }
}

package io.hyperstream.sampler.algorithm;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.model.spec.StudySpec;
import java.util.List;

/**
 * What a sampler may read about a study when it chooses the next trial: the spec (search space,
 * directions, options), the finished trials in the order they finished, and the trials in flight.
 */
public record StudyView(StudySpec spec, List<FrozenTrial> finishedTrials, List<FrozenTrial> runningTrials) {

    public StudyView {
        if (spec == null) {
            throw new IllegalArgumentException("spec is required");
        }
        finishedTrials = finishedTrials == null ? List.of() : List.copyOf(finishedTrials);
        runningTrials = runningTrials == null ? List.of() : List.copyOf(runningTrials);
        for (FrozenTrial t : finishedTrials) {
            if (!t.state().isFinished()) {
                throw new IllegalArgumentException("finishedTrials holds trial " + t.number() + " in state " + t.state());
            }
        }
        for (FrozenTrial t : runningTrials) {
            if (t.state().isFinished()) {
                throw new IllegalArgumentException("runningTrials holds trial " + t.number() + " in state " + t.state());
            }
        }
    }

    /** A study with no trial yet. */
    public static StudyView empty(StudySpec spec) {
        return new StudyView(spec, List.of(), List.of());
    }

    /** The study's optimization directions, one per objective. */
    public List<Direction> directions() {
        return spec.directions();
    }

    /** The finished trials that completed (neither pruned nor failed), in the order they finished. */
    public List<FrozenTrial> completedTrials() {
        return finishedTrials.stream().filter(t -> t.state() == TrialState.COMPLETE).toList();
    }
}

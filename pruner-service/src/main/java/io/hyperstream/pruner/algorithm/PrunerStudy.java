package io.hyperstream.pruner.algorithm;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import java.util.List;

/** What a pruner may read about a study: its direction and every trial known so far. */
public record PrunerStudy(Direction direction, List<TrialRecord> trials) {

    public PrunerStudy {
        trials = List.copyOf(trials);
    }

    /** The trials in a given state. */
    public List<TrialRecord> trials(TrialState state) {
        return trials.stream().filter(t -> t.state() == state).toList();
    }
}

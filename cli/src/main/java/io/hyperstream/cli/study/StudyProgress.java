package io.hyperstream.cli.study;

import io.hyperstream.model.StudyState;
import io.hyperstream.model.TrialState;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudyCompleted;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.StudyRejected;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialFailed;
import io.hyperstream.model.event.TrialPruned;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.model.spec.Direction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is known of one study from its events: the study's state, each trial's state, and the best
 * complete trial so far (by the study's direction; the Pareto front for several directions).
 * Replayed or duplicated events change nothing: a finished trial stays finished.
 */
public final class StudyProgress {

    /** A complete trial's number, final values and parameters (when its start was seen). */
    public record TrialResult(int number, List<Double> values, Map<String, Object> params) {
    }

    private final String studyId;
    private final List<Direction> directions;
    private final int plannedTrials;
    private final Map<Integer, TrialState> trials = new HashMap<>();
    private final Map<Integer, Map<String, Object>> params = new HashMap<>();
    private final List<TrialResult> front = new ArrayList<>();
    private StudyState state;
    private String reason;
    private Integer finishedTrials;
    private long ignoredMessages;

    public StudyProgress(String studyId, List<Direction> directions, int plannedTrials) {
        this.studyId = studyId;
        this.directions = List.copyOf(directions);
        this.plannedTrials = plannedTrials;
    }

    /** Applies a study event of this study (events of other studies are ignored). */
    public void apply(StudyEvent event) {
        if (!studyId.equals(event.studyId())) {
            return;
        }
        if (event instanceof StudyAccepted) {
            if (state == null) {
                state = StudyState.RUNNING;
            }
        } else if (event instanceof StudyRejected r && !r.duplicate()) {
            // A duplicate submission is rejected without changing the study it duplicates.
            state = StudyState.REJECTED;
            reason = r.reason();
        } else if (event instanceof StudyCompleted c) {
            state = StudyState.COMPLETE;
            reason = c.reason();
            finishedTrials = c.finishedTrials();
        }
    }

    /** Applies a trial event of this study (events of other studies are ignored). */
    public void apply(TrialEvent event) {
        if (!studyId.equals(event.studyId())) {
            return;
        }
        int number = event.trialNumber();
        TrialState current = trials.get(number);
        if (current != null && current.isFinished()) {
            return;
        }
        if (event instanceof TrialStarted s) {
            trials.put(number, TrialState.RUNNING);
            params.put(number, s.params());
        } else if (event instanceof TrialCompleted c) {
            trials.put(number, TrialState.COMPLETE);
            offer(new TrialResult(number, c.values(), params.get(number)));
        } else if (event instanceof TrialPruned) {
            trials.put(number, TrialState.PRUNED);
        } else if (event instanceof TrialFailed) {
            trials.put(number, TrialState.FAIL);
        } else if (current == null) {
            // An epoch report of a trial whose start was before we listened: it runs.
            trials.put(number, TrialState.RUNNING);
        }
    }

    /** Counts a message that could not be read (it is skipped). */
    public void ignoreMalformed() {
        ignoredMessages++;
    }

    private void offer(TrialResult candidate) {
        if (candidate.values().size() != directions.size()
                || candidate.values().stream().anyMatch(v -> v == null || v.isNaN())) {
            return;
        }
        if (front.stream().anyMatch(r -> dominatesOrEquals(r.values(), candidate.values()))) {
            return;
        }
        front.removeIf(r -> dominatesOrEquals(candidate.values(), r.values()));
        front.add(candidate);
        front.sort(Comparator.comparingInt(TrialResult::number));
    }

    /**
     * Whether {@code a} is at least as good as {@code b} in every objective (so {@code b} adds
     * nothing to the front). For one objective: not worse, so the earliest of equal trials stays.
     */
    private boolean dominatesOrEquals(List<Double> a, List<Double> b) {
        for (int i = 0; i < directions.size(); i++) {
            if (directions.get(i).isBetter(b.get(i), a.get(i))) {
                return false;
            }
        }
        return true;
    }

    public String studyId() {
        return studyId;
    }

    public List<Direction> directions() {
        return directions;
    }

    /** The budget's number of trials. */
    public int plannedTrials() {
        return plannedTrials;
    }

    /** RUNNING once accepted, COMPLETE or REJECTED at the end; null before the sampler answered. */
    public StudyState state() {
        return state;
    }

    /** Why the study was rejected or completed; null before. */
    public String reason() {
        return reason;
    }

    /** The finished-trial count the sampler announced with {@code StudyCompleted}; null before. */
    public Integer announcedFinishedTrials() {
        return finishedTrials;
    }

    public long count(TrialState trialState) {
        return trials.values().stream().filter(s -> s == trialState).count();
    }

    /** Trials that are complete, pruned or failed. */
    public long finished() {
        return trials.values().stream().filter(TrialState::isFinished).count();
    }

    public long running() {
        return count(TrialState.RUNNING);
    }

    /** Messages of the followed topics that could not be read. */
    public long ignoredMessages() {
        return ignoredMessages;
    }

    /** Whether the study optimizes several objectives (best is then a Pareto front). */
    public boolean isMultiObjective() {
        return directions.size() > 1;
    }

    /** The best complete trial of a single-objective study (the earliest of equals). */
    public Optional<TrialResult> best() {
        return isMultiObjective() || front.isEmpty() ? Optional.empty() : Optional.of(front.get(0));
    }

    /** The complete trials no other complete trial dominates, by number. */
    public List<TrialResult> paretoFront() {
        return List.copyOf(front);
    }

    /** The parameters a trial started with, if its start was seen. */
    public Optional<Map<String, Object>> params(int trialNumber) {
        return Optional.ofNullable(params.get(trialNumber));
    }
}

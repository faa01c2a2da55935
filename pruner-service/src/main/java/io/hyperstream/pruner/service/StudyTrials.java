package io.hyperstream.pruner.service;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.pruner.algorithm.StudyView;
import io.hyperstream.pruner.algorithm.TrialView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The trials of one study as the pruner knows them: state, intermediate values, final values. */
final class StudyTrials {

    private static final class Trial {
        TrialState state = TrialState.RUNNING;
        /** The latest attempt seen: a trial run again after its trainer stopped reports its epochs anew. */
        int attempt = 1;
        final TreeMap<Integer, Double> intermediateValues = new TreeMap<>();
        List<Double> values = List.of();
    }

    private final TreeMap<Integer, Trial> trials = new TreeMap<>();

    /**
     * Records the value a trial's attempt reported at a step. Like Optuna's {@code trial.report},
     * a step reported again keeps its first value; returns false then, and for a report of an
     * attempt that a later one has replaced. A later attempt starts the trial's values afresh.
     */
    boolean report(int number, int attempt, int step, double value) {
        Trial t = attempt(number, attempt);
        return t.attempt == attempt && t.intermediateValues.putIfAbsent(step, value) == null;
    }

    /** The latest attempt of a trial seen so far (1 for a trial not seen). */
    int latestAttempt(int number) {
        Trial t = trials.get(number);
        return t == null ? 1 : t.attempt;
    }

    /** The value first recorded for a step, or null. */
    Double reported(int number, int step) {
        Trial t = trials.get(number);
        return t == null ? null : t.intermediateValues.get(step);
    }

    /** Notes a trial's attempt that has started: a later attempt than seen so far drops the values reported before. */
    void started(int number, int attempt) {
        attempt(number, attempt);
    }

    /** Marks a trial finished; a trial already finished keeps its first ending. Returns whether it changed. */
    boolean finish(int number, TrialState state, List<Double> values) {
        Trial t = trial(number);
        if (t.state.isFinished()) {
            return false;
        }
        t.state = state;
        t.values = List.copyOf(values);
        return true;
    }

    /**
     * The study as pruners see it when trial {@code number} reported {@code step}: that trial
     * as it was then (its reports up to the step), the others as they are.
     */
    StudyView view(String studyId, List<Direction> directions, int number, int step) {
        List<TrialView> views = new ArrayList<>(trials.size());
        for (Map.Entry<Integer, Trial> e : trials.entrySet()) {
            views.add(e.getKey() == number ? trialView(number, step) : view(e.getKey(), e.getValue(), e.getValue().intermediateValues));
        }
        return new StudyView(studyId, directions, views);
    }

    /** Trial {@code number} with its reports up to {@code step}. */
    TrialView trialView(int number, int step) {
        Trial t = trial(number);
        return view(number, t, t.intermediateValues.headMap(step, true));
    }

    /** How many trials are known. */
    int size() {
        return trials.size();
    }

    /** How many trials are complete. */
    int completeCount() {
        return (int) trials.values().stream().filter(t -> t.state == TrialState.COMPLETE).count();
    }

    private static TrialView view(int number, Trial t, SortedMap<Integer, Double> values) {
        return new TrialView(number, t.state, values, t.values);
    }

    private Trial trial(int number) {
        return trials.computeIfAbsent(number, n -> new Trial());
    }

    private Trial attempt(int number, int attempt) {
        Trial t = trial(number);
        if (attempt > t.attempt && !t.state.isFinished()) {
            t.attempt = attempt;
            t.intermediateValues.clear();
        }
        return t;
    }
}

package io.hyperstream.results.dashboard.plot;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.results.service.BestTrial;
import io.hyperstream.results.service.ParetoFront;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The complete trials of a multi-objective study in the plane of two objectives, the Pareto front
 * (over all objectives, as the study's {@code bestTrials}) apart from the others. Every front
 * trial is drawn; past {@code maxPoints}, an evenly spaced selection (by number) of the others.
 *
 * @param complete complete trials with a finite value for every objective
 */
public record ParetoPlot(List<Direction> directions, List<String> objectiveNames, int x, int y, int complete,
                         int[] frontNumbers, double[] frontX, double[] frontY,
                         int others, int[] otherNumbers, double[] otherX, double[] otherY) {

    /** The front of a study with at least two objectives, drawn on objectives {@code x} and {@code y}. */
    public static ParetoPlot of(StudyData study, int x, int y, int maxPoints) {
        if (study.directions().size() < 2) {
            throw new IllegalArgumentException("the Pareto front needs a study with two or more objectives, but study '"
                    + study.studyId() + "' has " + study.directions().size());
        }
        study.direction(x);
        study.direction(y);
        List<BestTrial> complete = new ArrayList<>();
        for (TrialRow row : study.rows()) {
            if (row.state() == TrialState.COMPLETE && row.values() != null
                    && row.values().length == study.directions().size() && allFinite(row.values())) {
                List<Double> values = new ArrayList<>();
                for (double v : row.values()) {
                    values.add(v);
                }
                complete.add(new BestTrial(row.number(), values, null));
            }
        }
        List<BestTrial> front = ParetoFront.of(complete, study.directions());
        Set<Integer> onFront = new HashSet<>();
        front.forEach(t -> onFront.add(t.number()));
        List<BestTrial> rest = complete.stream().filter(t -> !onFront.contains(t.number())).toList();
        int[] picked = Downsampling.stride(rest.size(), Math.max(0, maxPoints - front.size()));
        List<BestTrial> others = new ArrayList<>();
        for (int i : picked) {
            others.add(rest.get(i));
        }
        return new ParetoPlot(study.directions(), study.objectiveNames(), x, y, complete.size(),
                front.stream().mapToInt(BestTrial::number).toArray(),
                front.stream().mapToDouble(t -> t.values().get(x)).toArray(),
                front.stream().mapToDouble(t -> t.values().get(y)).toArray(),
                rest.size(), others.stream().mapToInt(BestTrial::number).toArray(),
                others.stream().mapToDouble(t -> t.values().get(x)).toArray(),
                others.stream().mapToDouble(t -> t.values().get(y)).toArray());
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}

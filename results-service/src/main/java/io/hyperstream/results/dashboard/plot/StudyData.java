package io.hyperstream.results.dashboard.plot;

import io.hyperstream.model.spec.Direction;
import java.util.List;

/**
 * A study as the plots see it: its objectives, its search space and one row per trial, sorted by
 * trial number.
 *
 * @param objectiveNames the metric name of each objective, in the order of {@code directions}
 */
public record StudyData(String studyId, List<Direction> directions, List<String> objectiveNames,
                        List<ParamInfo> params, List<TrialRow> rows) {

    public StudyData {
        directions = List.copyOf(directions);
        objectiveNames = List.copyOf(objectiveNames);
        params = List.copyOf(params);
        rows = List.copyOf(rows);
    }

    /** The direction of an objective, checked against the study's objectives. */
    public Direction direction(int objective) {
        if (objective < 0 || objective >= Math.max(1, directions.size())) {
            throw new IllegalArgumentException("objective must be an integer from 0 to "
                    + (Math.max(1, directions.size()) - 1) + ", but got " + objective);
        }
        return directions.isEmpty() ? Direction.MINIMIZE : directions.get(objective);
    }

    /** The parameter of that name, or an error naming the known ones. */
    public ParamInfo param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown parameter '" + name + "'; the study has "
                        + params.stream().map(ParamInfo::name).toList()));
    }
}

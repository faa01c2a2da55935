package io.hyperstream.results.dashboard.plot;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import java.util.List;
import java.util.Map;

/** Builds trial rows and studies for the plot tests. */
final class Rows {

    static final List<ParamInfo> PARAMS = List.of(
            new ParamInfo("x", "float", -5.0, 10.0, false, List.of()),
            new ParamInfo("lr", "float", 1e-4, 1e-1, true, List.of()),
            new ParamInfo("opt", "categorical", null, null, false, List.of("sgd", "adam")));

    private Rows() {
    }

    static TrialRow complete(int number, double value) {
        return row(number, TrialState.COMPLETE, value, Map.of("x", (double) number, "lr", 0.01, "opt", "adam"));
    }

    static TrialRow row(int number, TrialState state, double value, Map<String, Object> params) {
        return new TrialRow(number, state, Double.isNaN(value) ? null : new double[] {value}, params,
                "trainer-" + number % 2, 1000L * number, 1000L * number + 500, 10, state == TrialState.PRUNED ? 3 : null);
    }

    static StudyData study(Direction direction, List<TrialRow> rows) {
        return new StudyData("s", List.of(direction), List.of("loss"), PARAMS, rows);
    }
}

package io.hyperstream.results.dashboard.plot;

import io.hyperstream.model.spec.Direction;
import java.util.ArrayList;
import java.util.List;

/**
 * Complete trials' parameters next to their value, column by column: what the parallel
 * coordinates and the slice plots draw. A parameter's column holds the number (or the choice's
 * index, see {@link ParamInfo#coordinate}) of each trial, null where the trial has no such
 * parameter (conditional search spaces).
 *
 * @param params  the parameters, in search-space order; categorical ones list their choices
 * @param columns one array per parameter, aligned with {@code numbers}
 */
public record ParamsPlot(int objective, Direction direction, int complete, int shown, List<ParamInfo> params,
                         int[] numbers, double[] values, List<Double[]> columns) {

    /** The parameters and values of a study's complete trials, at most {@code maxPoints} of them. */
    public static ParamsPlot of(StudyData study, int objective, int maxPoints) {
        Direction direction = study.direction(objective);
        int complete = (int) study.rows().stream().filter(r -> !Double.isNaN(r.completeValue(objective))).count();
        List<TrialRow> shown = TrialSample.complete(study, objective, maxPoints);
        List<ParamInfo> params = new ArrayList<>(study.params());
        int n = shown.size();
        int[] numbers = new int[n];
        double[] values = new double[n];
        List<Double[]> columns = new ArrayList<>();
        for (int p = 0; p < params.size(); p++) {
            columns.add(new Double[n]);
        }
        for (int i = 0; i < n; i++) {
            TrialRow row = shown.get(i);
            numbers[i] = row.number();
            values[i] = row.completeValue(objective);
            for (int p = 0; p < params.size(); p++) {
                ParamInfo param = params.get(p);
                Object value = row.params() == null ? null : row.params().get(param.name());
                if (param.categorical() && value != null && param.coordinate(value) == null) {
                    param = param.withChoice(String.valueOf(value));
                    params.set(p, param);
                }
                columns.get(p)[i] = param.coordinate(value);
            }
        }
        return new ParamsPlot(objective, direction, complete, n, params, numbers, values, columns);
    }
}

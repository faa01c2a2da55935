package io.hyperstream.results.importance;

import io.hyperstream.model.spec.CategoricalDistribution;
import io.hyperstream.model.spec.Distribution;
import io.hyperstream.model.spec.FloatDistribution;
import io.hyperstream.model.spec.IntDistribution;
import io.hyperstream.model.spec.ParamSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Parameters as the columns a forest is fitted on, as Optuna's fANOVA encodes them: a number is
 * one column on its own scale (log-scaled parameters are not transformed) with the
 * distribution's bounds; a categorical parameter is one 0/1 column per choice, bounded [0, 1], and
 * its importance is that of its columns together.
 */
final class Encoding {

    final List<ParamSpec> params;
    /** The columns of each parameter. */
    final int[][] columns;
    /** {@code [low, high]} of each column. */
    final double[][] bounds;

    Encoding(List<ParamSpec> params) {
        this.params = List.copyOf(params);
        this.columns = new int[params.size()][];
        List<double[]> b = new ArrayList<>();
        for (int p = 0; p < params.size(); p++) {
            Distribution d = params.get(p).distribution();
            if (d instanceof CategoricalDistribution c) {
                columns[p] = new int[c.choices().size()];
                for (int k = 0; k < c.choices().size(); k++) {
                    columns[p][k] = b.size();
                    b.add(new double[] {0, 1});
                }
            } else if (d instanceof FloatDistribution f) {
                columns[p] = new int[] {b.size()};
                b.add(new double[] {f.low(), f.effectiveHigh()});
            } else {
                IntDistribution i = (IntDistribution) d;
                columns[p] = new int[] {b.size()};
                b.add(new double[] {i.low(), i.effectiveHigh()});
            }
        }
        this.bounds = b.toArray(new double[0][]);
    }

    /** One trial's parameters as a row of columns. */
    double[] row(ImportanceTrial trial) {
        double[] row = new double[bounds.length];
        for (int p = 0; p < params.size(); p++) {
            ParamSpec param = params.get(p);
            Object value = trial.params().get(param.name());
            if (value == null) {
                throw new IllegalArgumentException("trial " + trial.number() + " has no value of parameter '"
                        + param.name() + "'");
            }
            Distribution d = param.distribution();
            if (d instanceof CategoricalDistribution) {
                row[columns[p][(int) d.toInternal(value)]] = 1;
            } else {
                row[columns[p][0]] = d.toInternal(value);
            }
        }
        return row;
    }
}

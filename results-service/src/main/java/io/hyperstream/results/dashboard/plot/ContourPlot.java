package io.hyperstream.results.dashboard.plot;

import io.hyperstream.model.spec.Direction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The objective over two parameters: a grid of cells coloured by the value interpolated from the
 * complete trials (inverse-distance weighting of the nearest {@value #NEIGHBOURS} trials, in
 * coordinates scaled to the unit square, log-scaled for log parameters), with the trials drawn on
 * top. A categorical parameter has one cell per choice.
 *
 * @param xEdges cell edges along x in the parameter's own units (choice index +- 0.5 for a
 *               categorical parameter); {@code z[j][i]} is the cell between xEdges[i..i+1] and
 *               yEdges[j..j+1]
 * @param zMin   lowest interpolated value (null without trials)
 */
public record ContourPlot(int objective, Direction direction, ParamInfo x, ParamInfo y, int complete, int shown,
                          double[] xEdges, double[] yEdges, Double[][] z, Double zMin, Double zMax,
                          int[] numbers, double[] xs, double[] ys, double[] values) {

    static final int NEIGHBOURS = 8;

    /** The contour of the objective over parameters {@code xName} and {@code yName}. */
    public static ContourPlot of(StudyData study, int objective, String xName, String yName, int grid, int maxPoints) {
        Direction direction = study.direction(objective);
        ParamInfo x = study.param(xName);
        ParamInfo y = study.param(yName);
        List<double[]> points = new ArrayList<>();
        List<TrialRow> withBoth = new ArrayList<>();
        for (TrialRow row : study.rows()) {
            double value = row.completeValue(objective);
            Double px = row.params() == null ? null : x.coordinate(row.params().get(x.name()));
            Double py = row.params() == null ? null : y.coordinate(row.params().get(y.name()));
            if (!Double.isNaN(value) && px != null && py != null) {
                points.add(new double[] {px, py, value});
                withBoth.add(row);
            }
        }
        Axis ax = Axis.of(x, points, 0, grid);
        Axis ay = Axis.of(y, points, 1, grid);
        Double[][] z = new Double[ay.cells()][ax.cells()];
        double zMin = Double.POSITIVE_INFINITY;
        double zMax = Double.NEGATIVE_INFINITY;
        if (!points.isEmpty()) {
            int n = points.size();
            double[] us = new double[n];
            double[] vs = new double[n];
            for (int i = 0; i < n; i++) {
                us[i] = ax.unit(points.get(i)[0]);
                vs[i] = ay.unit(points.get(i)[1]);
            }
            for (int j = 0; j < ay.cells(); j++) {
                double v = ay.unit(ay.center(j));
                for (int i = 0; i < ax.cells(); i++) {
                    double u = ax.unit(ax.center(i));
                    double value = interpolate(u, v, us, vs, points);
                    z[j][i] = value;
                    zMin = Math.min(zMin, value);
                    zMax = Math.max(zMax, value);
                }
            }
        }
        StudyData subset = new StudyData(study.studyId(), study.directions(), study.objectiveNames(), study.params(),
                withBoth);
        List<TrialRow> shown = TrialSample.complete(subset, objective, maxPoints);
        int m = shown.size();
        int[] numbers = new int[m];
        double[] xs = new double[m];
        double[] ys = new double[m];
        double[] values = new double[m];
        for (int i = 0; i < m; i++) {
            TrialRow row = shown.get(i);
            numbers[i] = row.number();
            xs[i] = x.coordinate(row.params().get(x.name()));
            ys[i] = y.coordinate(row.params().get(y.name()));
            values[i] = row.completeValue(objective);
        }
        return new ContourPlot(objective, direction, x, y, points.size(), m, ax.edges(), ay.edges(), z,
                points.isEmpty() ? null : zMin, points.isEmpty() ? null : zMax, numbers, xs, ys, values);
    }

    private static double interpolate(double u, double v, double[] us, double[] vs, List<double[]> points) {
        int k = Math.min(NEIGHBOURS, us.length);
        double[] nearest = new double[k];
        int[] which = new int[k];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int i = 0; i < us.length; i++) {
            double du = us[i] - u;
            double dv = vs[i] - v;
            double d = du * du + dv * dv;
            if (d < nearest[k - 1]) {
                int at = k - 1;
                while (at > 0 && nearest[at - 1] > d) {
                    nearest[at] = nearest[at - 1];
                    which[at] = which[at - 1];
                    at--;
                }
                nearest[at] = d;
                which[at] = i;
            }
        }
        double weights = 0;
        double sum = 0;
        for (int i = 0; i < k; i++) {
            // A trial in the cell's centre decides it; 1e-12 keeps the weight finite.
            double w = 1.0 / Math.max(nearest[i], 1e-12);
            weights += w;
            sum += w * points.get(which[i])[2];
        }
        return sum / weights;
    }

    /** One axis of the grid: its cells and how a coordinate maps to [0, 1]. */
    private record Axis(double[] edges, boolean log, double low, double high) {

        static Axis of(ParamInfo param, List<double[]> points, int dim, int grid) {
            if (param.categorical()) {
                int k = Math.max(1, param.choices().size());
                double[] edges = new double[k + 1];
                for (int i = 0; i <= k; i++) {
                    edges[i] = i - 0.5;
                }
                return new Axis(edges, false, 0, Math.max(1, k - 1));
            }
            double low = param.low() != null ? param.low() : points.stream().mapToDouble(p -> p[dim]).min().orElse(0);
            double high = param.high() != null ? param.high() : points.stream().mapToDouble(p -> p[dim]).max().orElse(1);
            boolean log = param.log() && low > 0;
            double[] edges = new double[grid + 1];
            for (int i = 0; i <= grid; i++) {
                double t = i / (double) grid;
                edges[i] = log ? Math.exp(Math.log(low) + t * (Math.log(high) - Math.log(low))) : low + t * (high - low);
            }
            return new Axis(edges, log, low, high);
        }

        int cells() {
            return edges.length - 1;
        }

        double center(int cell) {
            return log ? Math.sqrt(edges[cell] * edges[cell + 1]) : (edges[cell] + edges[cell + 1]) / 2;
        }

        double unit(double coordinate) {
            if (high <= low) {
                return 0.5;
            }
            if (log) {
                return (Math.log(Math.max(coordinate, Double.MIN_NORMAL)) - Math.log(low)) / (Math.log(high) - Math.log(low));
            }
            return (coordinate - low) / (high - low);
        }
    }
}

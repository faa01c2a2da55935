package io.hyperstream.results.report;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.results.document.EpochHistory;
import io.hyperstream.results.importance.Importances;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report's plots as SVG: optimization history with best-so-far, learning curves, importances. */
public final class Charts {

    /** Beyond this many trials the history draws a sample of the points (every improvement is kept). */
    static final int MAX_POINTS = 2000;

    private Charts() {
    }

    /**
     * The value of objective {@code k} of each complete trial by trial number, with the best value
     * so far as a staircase; null when no complete trial has a finite value.
     */
    public static String history(ReportData data, int k) {
        Direction direction = data.study().directions().get(k);
        List<double[]> points = new ArrayList<>();
        for (ReportData.TrialPoint t : data.trials()) {
            if (t.state() == TrialState.COMPLETE && t.values() != null && t.values().size() > k
                    && t.values().get(k) != null && Double.isFinite(t.values().get(k))) {
                points.add(new double[] {t.number(), t.values().get(k)});
            }
        }
        if (points.isEmpty()) {
            return null;
        }
        List<double[]> best = new ArrayList<>();
        double bestSoFar = Double.NaN;
        for (double[] p : points) {
            if (Double.isNaN(bestSoFar) || (direction == Direction.MINIMIZE ? p[1] < bestSoFar : p[1] > bestSoFar)) {
                bestSoFar = p[1];
                best.add(p);
            }
        }
        double last = points.get(points.size() - 1)[0];
        if (best.get(best.size() - 1)[0] < last) {
            best.add(new double[] {last, bestSoFar});
        }
        List<double[]> shown = points;
        if (points.size() > MAX_POINTS) {
            shown = new ArrayList<>();
            int stride = (int) Math.ceil(points.size() / (double) MAX_POINTS);
            for (int i = 0; i < points.size(); i += stride) {
                shown.add(points.get(i));
            }
            shown.addAll(best);
        }
        double minY = points.stream().mapToDouble(p -> p[1]).min().orElseThrow();
        double maxY = points.stream().mapToDouble(p -> p[1]).max().orElseThrow();
        String name = data.study().directions().size() == 1 ? "Objective value" : "Objective " + k;
        String title = "Optimization history" + (data.study().directions().size() == 1 ? "" : " (objective " + k + ")")
                + (shown.size() < points.size() ? ", " + shown.size() + " of " + points.size() + " trials drawn" : "");
        return new Svg(title)
                .axes(points.get(0)[0], last, minY, maxY, "Trial number", name + " (" + direction.jsonName() + ")")
                .points(column(shown, 0), column(shown, 1), Svg.BLUE, 2.5, "complete trials")
                .line(column(best, 0), column(best, 1), Svg.RED, 2, true, "best so far")
                .legend(0, Svg.BLUE, "complete trial")
                .legend(1, Svg.RED, "best so far")
                .render();
    }

    /**
     * The first objective's value after each epoch of the trials in {@code data.curves()}; complete
     * trials blue, pruned red, others grey. Null when there is no reported epoch.
     */
    public static String intermediateValues(ReportData data) {
        Map<Integer, List<EpochHistory.EpochResult>> curves = data.curves();
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        boolean any = false;
        for (List<EpochHistory.EpochResult> curve : curves.values()) {
            for (EpochHistory.EpochResult e : curve) {
                Double v = e.values().isEmpty() ? null : e.values().get(0);
                if (v != null && Double.isFinite(v)) {
                    any = true;
                    minX = Math.min(minX, e.epoch());
                    maxX = Math.max(maxX, e.epoch());
                    minY = Math.min(minY, v);
                    maxY = Math.max(maxY, v);
                }
            }
        }
        if (!any) {
            return null;
        }
        Svg svg = new Svg("Intermediate values (" + curves.size() + " trials)")
                .axes(minX, maxX, minY, maxY, "Epoch", "Objective value");
        for (ReportData.TrialPoint t : data.trials()) {
            List<EpochHistory.EpochResult> curve = curves.get(t.number());
            if (curve == null) {
                continue;
            }
            List<double[]> points = new ArrayList<>();
            for (EpochHistory.EpochResult e : curve) {
                Double v = e.values().isEmpty() ? null : e.values().get(0);
                if (v != null && Double.isFinite(v)) {
                    points.add(new double[] {e.epoch(), v});
                }
            }
            String colour = t.state() == TrialState.COMPLETE ? Svg.BLUE : t.state() == TrialState.PRUNED ? Svg.RED : Svg.GREY;
            svg.line(column(points, 0), column(points, 1), colour, 1.2, false, "trial " + t.number() + " (" + t.state() + ")");
            if (t.state() == TrialState.PRUNED && !points.isEmpty()) {
                double[] end = points.get(points.size() - 1);
                svg.points(new double[] {end[0]}, new double[] {end[1]}, Svg.RED, 3, "trial " + t.number() + " pruned");
            }
        }
        return svg.legend(0, Svg.BLUE, "complete").legend(1, Svg.RED, "pruned (dot: where)")
                .legend(2, Svg.GREY, "running or failed").render();
    }

    /** The importances as bars, highest first; null when there are none. */
    public static String importances(ReportData data) {
        if (data.importances() == null || data.importances().importances().isEmpty()) {
            return null;
        }
        List<Importances.Importance> list = data.importances().importances();
        return Svg.bars("Parameter importance (" + data.importances().method() + ", "
                        + data.importances().trials() + " complete trials)",
                list.stream().map(Importances.Importance::param).toList(),
                list.stream().map(Importances.Importance::importance).toList(), "Importance (sums to 1)");
    }

    private static double[] column(List<double[]> points, int c) {
        double[] out = new double[points.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = points.get(i)[c];
        }
        return out;
    }
}

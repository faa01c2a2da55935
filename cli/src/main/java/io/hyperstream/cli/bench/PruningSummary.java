package io.hyperstream.cli.bench;

import io.hyperstream.model.spec.Direction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pruning benchmark's figures per pruner over its seeds: epochs trained (median), epochs saved
 * against the unpruned runs ({@code none} when it ran, else trials x epochs), wall time (median),
 * the best value (median, and the range), and the verdict latency (the median of the runs' p50 and
 * the largest of their p99): as pruner-service measured it up to the verdict's publication, and the
 * round trip up to a consumer receiving the verdict.
 */
final class PruningSummary {

    /** One pruner's figures. */
    record Row(String pruner, int runs, double epochs, double saved, double wallSeconds, double bestMedian,
               double bestMin, double bestMax, Double verdictMsP50, Double verdictMsP99, Double handlingMsP99,
               Double roundTripMsP50, Double roundTripMsP99) {
    }

    private PruningSummary() {
    }

    static List<Row> rows(List<String> pruners, List<PruningRun.Result> runs, int trials, int epochs) {
        List<Double> unpruned = runs.stream().filter(r -> r.pruner().equals("none")).map(r -> (double) r.epochs()).toList();
        double baseline = unpruned.isEmpty() ? (double) trials * epochs : Stats.median(unpruned);
        List<Row> rows = new ArrayList<>();
        for (String pruner : pruners) {
            List<PruningRun.Result> mine = runs.stream().filter(r -> r.pruner().equals(pruner)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            double medianEpochs = Stats.median(mine.stream().map(r -> (double) r.epochs()).toList());
            List<Double> best = mine.stream().map(PruningRun.Result::best).filter(b -> !Double.isNaN(b)).toList();
            List<Double> p50 = mine.stream().map(PruningRun.Result::verdictMsP50).filter(v -> v != null).toList();
            List<Double> p99 = mine.stream().map(PruningRun.Result::verdictMsP99).filter(v -> v != null).toList();
            List<Double> handling = mine.stream().map(PruningRun.Result::handlingMsP99).filter(v -> v != null).toList();
            List<Double> tripP50 = mine.stream().map(PruningRun.Result::roundTripMsP50).filter(v -> v != null).toList();
            List<Double> tripP99 = mine.stream().map(PruningRun.Result::roundTripMsP99).filter(v -> v != null).toList();
            rows.add(new Row(pruner, mine.size(), medianEpochs, 1 - medianEpochs / baseline,
                    Stats.median(mine.stream().map(PruningRun.Result::wallSeconds).toList()),
                    best.isEmpty() ? Double.NaN : Stats.median(best),
                    best.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                    best.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                    p50.isEmpty() ? null : Stats.median(p50),
                    p99.isEmpty() ? null : p99.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                    handling.isEmpty() ? null : handling.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                    tripP50.isEmpty() ? null : Stats.median(tripP50),
                    tripP99.isEmpty() ? null : tripP99.stream().mapToDouble(Double::doubleValue).max().orElseThrow()));
        }
        return rows;
    }

    static String table(List<Row> rows, Direction direction, String metric, int trials, int epochs) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-10s %5s %9s %7s %9s %10s %19s %11s %11s %11s %11s %11s%n", "pruner",
                "runs", "epochs", "saved", "wall s", "best med", "best range", "verdict p50", "verdict p99", "pruner p99",
                "trip p50", "trip p99"));
        Row none = rows.stream().filter(r -> r.pruner().equals("none")).findFirst().orElse(null);
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "%-10s %5d %9s %6s%% %9s %10s %19s %11s %11s %11s %11s %11s%n", r.pruner(),
                    r.runs(),
                    Stats.format(r.epochs()), Stats.format(100 * r.saved()), Stats.format(r.wallSeconds()),
                    Stats.format(r.bestMedian()), "[" + Stats.format(r.bestMin()) + ", " + Stats.format(r.bestMax()) + "]",
                    ms(r.verdictMsP50()), ms(r.verdictMsP99()),
                    ms(r.handlingMsP99()), ms(r.roundTripMsP50()), ms(r.roundTripMsP99())));
        }
        out.append(String.format(Locale.ROOT, "epochs: median per run (of %d = %d trials x %d epochs); saved: against %s;"
                        + " best: %s %s of completed trials; verdict: report to verdict published (median of the runs'"
                + " p50, largest p99); pruner p99: the part spent in the pruner, report read to verdict acknowledged;"
                + " trip: report to verdict received by a consumer of the verdicts topic, as a trainer receives it%n",
                trials * epochs, trials, epochs,
                none != null ? "the median of the unpruned runs" : "trials x epochs",
                direction == Direction.MAXIMIZE ? "highest" : "lowest", metric));
        if (none != null) {
            for (Row r : rows) {
                if (r != none && !Double.isNaN(r.bestMedian()) && !Double.isNaN(none.bestMedian())) {
                    out.append(String.format(Locale.ROOT, "  %-10s median best %s none by %s%n", r.pruner(),
                            direction.isBetter(none.bestMedian(), r.bestMedian()) ? "below" : "not below",
                            Stats.format(Math.abs(r.bestMedian() - none.bestMedian()))));
                }
            }
        }
        return out.toString();
    }

    private static String ms(Double value) {
        return value == null ? "-" : Stats.format(value) + " ms";
    }

    static Map<String, Object> json(List<Row> rows, List<PruningRun.Result> runs, Map<String, Object> settings) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("benchmark", "pruning");
        document.put("settings", settings);
        List<Map<String, Object>> runList = new ArrayList<>();
        for (PruningRun.Result r : runs) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("pruner", r.pruner());
            run.put("seed", r.seed());
            run.put("study_id", r.studyId());
            run.put("epochs", r.epochs());
            run.put("wall_s", r.wallSeconds());
            run.put("best", Double.isNaN(r.best()) ? null : r.best());
            run.put("verdict_ms_p50", r.verdictMsP50());
            run.put("verdict_ms_p99", r.verdictMsP99());
            run.put("pruner_ms_p50", r.handlingMsP50());
            run.put("pruner_ms_p99", r.handlingMsP99());
            run.put("round_trip_ms_p50", r.roundTripMsP50());
            run.put("round_trip_ms_p99", r.roundTripMsP99());
            run.put("complete", r.complete());
            run.put("pruned", r.pruned());
            run.put("failed", r.failed());
            runList.add(run);
        }
        document.put("runs", runList);
        List<Map<String, Object>> summary = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("pruner", r.pruner());
            row.put("runs", r.runs());
            row.put("epochs_median", r.epochs());
            row.put("epochs_saved", r.saved());
            row.put("wall_s_median", r.wallSeconds());
            row.put("best_median", Double.isNaN(r.bestMedian()) ? null : r.bestMedian());
            row.put("best_min", Double.isNaN(r.bestMin()) ? null : r.bestMin());
            row.put("best_max", Double.isNaN(r.bestMax()) ? null : r.bestMax());
            row.put("verdict_ms_p50", r.verdictMsP50());
            row.put("verdict_ms_p99", r.verdictMsP99());
            row.put("pruner_ms_p99", r.handlingMsP99());
            row.put("round_trip_ms_p50", r.roundTripMsP50());
            row.put("round_trip_ms_p99", r.roundTripMsP99());
            summary.add(row);
        }
        document.put("summary", summary);
        return document;
    }
}

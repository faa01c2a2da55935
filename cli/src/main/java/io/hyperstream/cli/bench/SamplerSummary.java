package io.hyperstream.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The printed table and the JSON of a sampler benchmark. */
final class SamplerSummary {

    private SamplerSummary() {
    }

    /**
     * One row per (problem, sampler): the median regret at each budget over the seeds (the median
     * best value where the optimum is unknown), the median wall time, and a star on the best
     * sampler of each problem and budget.
     */
    static String table(List<BenchProblem> problems, List<SamplerChoice> choices, List<Integer> budgets,
                        List<SamplerBench.Run> runs) {
        List<String> samplers = choices.stream().map(SamplerChoice::label).toList();
        StringBuilder out = new StringBuilder();
        for (BenchProblem problem : problems) {
            String measure = problem.optimum() != null ? "median regret" : "median best value";
            out.append(String.format(Locale.ROOT, "%n%s (%s, %s)%n", problem.name(), problem.direction().jsonName(), measure));
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-14s", "sampler"));
            for (int b : budgets) {
                header.append(String.format(Locale.ROOT, " %11s", "@" + b));
            }
            out.append(header).append(String.format(Locale.ROOT, " %9s%n", "wall s"));
            Map<String, double[]> medians = new LinkedHashMap<>();
            for (String sampler : samplers) {
                medians.put(sampler, medians(problem, sampler, budgets, runs));
            }
            for (String sampler : samplers) {
                List<SamplerBench.Run> mine = runsOf(problem, sampler, runs);
                String skipped = mine.stream().map(SamplerBench.Run::skipped).filter(s -> s != null).findFirst().orElse(null);
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-14s", sampler));
                if (skipped != null) {
                    out.append(row).append(" skipped: ").append(skipped).append('\n');
                    continue;
                }
                double[] m = medians.get(sampler);
                for (int i = 0; i < budgets.size(); i++) {
                    boolean best = isBest(problem, medians, i, m[i]);
                    row.append(String.format(Locale.ROOT, " %11s", Stats.format(m[i]) + (best ? "*" : " ")));
                }
                double wall = Stats.median(mine.stream().map(SamplerBench.Run::wallSeconds).toList());
                out.append(row).append(String.format(Locale.ROOT, " %9.2f%n", wall));
            }
        }
        out.append(String.format(Locale.ROOT, "%n* best of the samplers run, per problem and budget%n"));
        return out.toString();
    }

    /** The JSON of the bench output contract: every run with its best value by budget, plus the medians. */
    static Map<String, Object> json(List<BenchProblem> problems, List<Integer> budgets, List<SamplerBench.Run> runs) {
        List<Map<String, Object>> runList = new ArrayList<>();
        for (SamplerBench.Run run : runs) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("problem", run.problem());
            r.put("sampler", run.sampler());
            r.put("seed", run.seed());
            Map<String, Double> best = new LinkedHashMap<>();
            run.best().forEach((b, v) -> best.put(String.valueOf(b), v));
            r.put("best", best);
            r.put("wall_s", run.wallSeconds());
            if (run.skipped() != null) {
                r.put("skipped", run.skipped());
            }
            runList.add(r);
        }
        List<Map<String, Object>> summary = new ArrayList<>();
        for (BenchProblem problem : problems) {
            runs.stream().map(SamplerBench.Run::sampler).distinct().forEach(sampler -> {
                List<SamplerBench.Run> mine = runsOf(problem, sampler, runs);
                if (mine.isEmpty() || mine.get(0).skipped() != null) {
                    return;
                }
                double[] m = medians(problem, sampler, budgets, runs);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("problem", problem.name());
                row.put("sampler", sampler);
                Map<String, Double> byBudget = new LinkedHashMap<>();
                for (int i = 0; i < budgets.size(); i++) {
                    byBudget.put(String.valueOf(budgets.get(i)), m[i]);
                }
                row.put(problem.optimum() != null ? "median_regret" : "median_best", byBudget);
                summary.add(row);
            });
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "samplers");
        json.put("budgets", budgets);
        json.put("runs", runList);
        json.put("summary", summary);
        return json;
    }

    private static double[] medians(BenchProblem problem, String sampler, List<Integer> budgets, List<SamplerBench.Run> runs) {
        List<SamplerBench.Run> mine = runsOf(problem, sampler, runs);
        double[] medians = new double[budgets.size()];
        for (int i = 0; i < budgets.size(); i++) {
            int budget = budgets.get(i);
            List<Double> values = new ArrayList<>();
            for (SamplerBench.Run run : mine) {
                Double best = run.best().get(budget);
                if (best != null) {
                    Double regret = problem.regret(best);
                    values.add(regret != null ? regret : best);
                }
            }
            medians[i] = values.isEmpty() ? Double.NaN : Stats.median(values);
        }
        return medians;
    }

    private static boolean isBest(BenchProblem problem, Map<String, double[]> medians, int budget, double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        boolean lowerIsBetter = problem.optimum() != null || problem.direction() == io.hyperstream.model.spec.Direction.MINIMIZE;
        for (double[] other : medians.values()) {
            double o = other[budget];
            if (!Double.isNaN(o) && (lowerIsBetter ? o < value : o > value)) {
                return false;
            }
        }
        return true;
    }

    private static List<SamplerBench.Run> runsOf(BenchProblem problem, String sampler, List<SamplerBench.Run> runs) {
        return runs.stream().filter(r -> r.problem().equals(problem.name()) && r.sampler().equals(sampler)).toList();
    }
}

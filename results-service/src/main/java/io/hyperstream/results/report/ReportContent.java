package io.hyperstream.results.report;

import io.hyperstream.model.spec.StudySpecReader;
import io.hyperstream.results.importance.Importances;
import io.hyperstream.results.service.BestTrial;
import io.hyperstream.results.service.TrialCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a report says, independent of its format: headings, paragraphs, tables, code blocks and
 * SVG figures, in order. {@link HtmlReport} and {@link MarkdownReport} render the same content.
 */
public final class ReportContent {

    /** A piece of the report. */
    public sealed interface Block permits Heading, Paragraph, Table, Code, Figure {
    }

    public record Heading(int level, String text) implements Block {
    }

    public record Paragraph(String text) implements Block {
    }

    public record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    public record Code(String language, String text) implements Block {
    }

    /** An SVG chart and what it shows. */
    public record Figure(String caption, String svg) implements Block {
    }

    private final List<Block> blocks = new ArrayList<>();
    private final String title;

    private ReportContent(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public List<Block> blocks() {
        return blocks;
    }

    /** The report of a study. */
    public static ReportContent of(ReportData data, String apiUrl) {
        var study = data.study();
        String name = study.name() == null ? study.id() : study.name();
        ReportContent r = new ReportContent("Experiment report: " + name + " (" + study.id() + ")");
        r.heading(1, r.title);
        r.paragraph("Study " + study.id() + " is " + study.state()
                + (study.reason() == null ? "" : " (" + study.reason() + ")") + ". "
                + (study.acceptedAt() == null ? "" : "Accepted " + study.acceptedAt() + ". ")
                + (study.completedAt() == null ? "" : "Completed " + study.completedAt()
                + (study.acceptedAt() == null ? "" : " after " + duration(study.acceptedAt(), study.completedAt())) + ". ")
                + "Report generated " + data.generatedAt() + " by results-service " + data.environment().version() + ".");

        r.heading(2, "Trials");
        TrialCounts c = study.counts();
        r.table(List.of("total", "complete", "pruned", "failed", "running", "waiting"),
                List.of(List.of(n(c.total()), n(c.complete()), n(c.pruned()), n(c.fail()), n(c.running()), n(c.waiting()))));

        r.heading(2, study.directions().size() == 1 ? "Best trial" : "Best trials (Pareto front)");
        bestTrial(r, data);

        r.heading(2, "Plots");
        for (int k = 0; k < study.directions().size(); k++) {
            String history = Charts.history(data, k);
            if (history != null) {
                r.figure("Optimization history: every complete trial's value and the best value so far", history);
            }
        }
        String curves = Charts.intermediateValues(data);
        if (curves != null) {
            r.figure("Intermediate values: the objective after each epoch" + (data.curves().size()
                    < data.trials().size() ? " for the best trials and an even sample of the others" : ""), curves);
        }
        String bars = Charts.importances(data);
        if (bars != null) {
            r.figure("Parameter importance", bars);
        }
        if (blocksSince(r, "Plots") == 0) {
            r.paragraph("No trial has completed yet: nothing to plot.");
        }

        r.heading(2, "Parameter importance");
        importances(r, data);

        r.heading(2, "Environment");
        ReportData.Environment env = data.environment();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Hyperstream (results-service)", env.version()));
        rows.add(List.of("Java", env.java()));
        rows.add(List.of("sampler", data.spec() == null ? "-" : data.spec().sampler().type()
                + " (seed " + (env.samplerSeed() == null ? "not recorded" : env.samplerSeed()) + ")"));
        rows.add(List.of("pruner", data.spec() == null ? "-" : data.spec().pruner().type()));
        rows.add(List.of("trial seeds", env.firstTrialSeed() == null ? "-" : "trial 0: " + env.firstTrialSeed()
                + (env.lastTrialSeed() == null ? "" : ", last trial: " + env.lastTrialSeed())
                + " (drawn by the sampler from its seed)"));
        rows.add(List.of("trainers", env.trainerIds().size() + (env.trainerIds().isEmpty() ? ""
                : ": " + String.join(", ", env.trainerIds()))));
        r.table(List.of("", ""), rows);

        if (data.spec() != null) {
            r.heading(2, "Spec");
            r.paragraph("The spec as run (the sampler seed filled in):");
            r.code("yaml", StudySpecReader.toYaml(data.spec()));

            r.heading(2, "How to reproduce");
            r.paragraph("Save the spec above as study.yaml, then run it on one machine with as many trainers:");
            r.code("bash", "./hpo run study.yaml --trainers " + Math.max(1, env.trainerIds().size()));
            r.paragraph("or submit it to a running system, through Kafka or through the results API:");
            r.code("bash", "./hpo submit study.yaml --bootstrap HOST:9092\n"
                    + "curl -X POST '" + apiUrl + "/api/studies?studyId=" + study.id() + "-rerun' \\\n"
                    + "     -H 'Content-Type: application/yaml' --data-binary @study.yaml");
            r.paragraph("The same spec and sampler seed give the same sequence of suggestions when trials run one"
                    + " at a time (budget.parallelism: 1); with trials in parallel, the order in which they finish"
                    + " changes what the sampler has seen, so the trials differ while the study is comparable.");
        }
        return r;
    }

    private static void bestTrial(ReportContent r, ReportData data) {
        var study = data.study();
        Double baseline = study.nullAccuracy();
        if (study.directions().size() == 1) {
            BestTrial best = study.best();
            if (best == null) {
                r.paragraph("No trial has completed with a finite value yet.");
                return;
            }
            String metric = data.spec() == null ? "value" : data.spec().objective().metric();
            r.paragraph("Trial " + best.number() + " is best: " + metric + " = " + number(best.values().get(0)) + " ("
                    + study.directions().get(0).jsonName() + ").");
            r.table(List.of("parameter", "value"), params(best.params()));
            Map<String, Double> metrics = data.best() == null || data.best().metrics() == null ? Map.of()
                    : data.best().metrics();
            if (!metrics.isEmpty() || baseline != null) {
                List<List<String>> rows = new ArrayList<>();
                for (Map.Entry<String, Double> m : metrics.entrySet()) {
                    if (m.getKey().equals("null_accuracy")) {
                        continue;
                    }
                    boolean accuracy = m.getKey().equals("accuracy") || m.getKey().endsWith("_accuracy")
                            && !m.getKey().contains("balanced");
                    rows.add(List.of(m.getKey(), number(m.getValue()),
                            accuracy && baseline != null ? number(baseline) : ""));
                }
                r.table(List.of("metric", "trial " + best.number(), "null-accuracy baseline"), rows);
            }
            if (baseline != null) {
                r.paragraph("Null-accuracy baseline: " + number(baseline) + ", the accuracy of always answering the"
                        + " majority class (the objective's null_accuracy)."
                        + (metrics.containsKey("accuracy") ? " The best trial's accuracy is "
                        + String.format(Locale.ROOT, "%+.4f", metrics.get("accuracy") - baseline) + " from it." : ""));
            } else {
                r.paragraph("The objective reports no null_accuracy: there is no null-accuracy baseline.");
            }
            return;
        }
        if (study.bestTrials().isEmpty()) {
            r.paragraph("No trial has completed with finite values yet.");
            return;
        }
        List<String> header = new ArrayList<>(List.of("trial"));
        for (int k = 0; k < study.directions().size(); k++) {
            header.add("objective " + k + " (" + study.directions().get(k).jsonName() + ")");
        }
        header.add("parameters");
        List<List<String>> rows = new ArrayList<>();
        for (BestTrial t : study.bestTrials()) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(t.number())));
            t.values().forEach(v -> row.add(number(v)));
            row.add(t.params() == null ? "" : t.params().entrySet().stream()
                    .map(e -> e.getKey() + "=" + value(e.getValue())).collect(Collectors.joining(", ")));
            rows.add(row);
        }
        r.table(header, rows);
        if (baseline != null) {
            r.paragraph("Null-accuracy baseline: " + number(baseline) + " (the accuracy of always answering the"
                    + " majority class).");
        }
    }

    private static void importances(ReportContent r, ReportData data) {
        if (data.importances() == null) {
            r.paragraph("Not computed: the study has no search space (it was not accepted).");
            return;
        }
        var report = data.importances();
        if (report.importances().isEmpty()) {
            r.paragraph("No importances: " + report.message() + ".");
            return;
        }
        r.paragraph("Method: " + report.method() + (report.seed() == null ? "" : " (seed " + report.seed() + ")")
                + ", on " + report.trials() + " complete trials; importances sum to 1."
                + (report.excluded().isEmpty() ? "" : " Left out (absent from some complete trials): "
                + String.join(", ", report.excluded()) + "."));
        List<List<String>> rows = new ArrayList<>();
        for (Importances.Importance i : report.importances()) {
            rows.add(List.of(i.param(), String.format(Locale.ROOT, "%.4f", i.importance())));
        }
        r.table(List.of("parameter", "importance"), rows);
    }

    private static int blocksSince(ReportContent r, String heading) {
        int count = 0;
        for (int i = r.blocks.size() - 1; i >= 0; i--) {
            if (r.blocks.get(i) instanceof Heading h && h.text().equals(heading)) {
                return count;
            }
            count++;
        }
        return count;
    }

    private static List<List<String>> params(Map<String, Object> params) {
        List<List<String>> rows = new ArrayList<>();
        if (params != null) {
            new LinkedHashMap<>(params).forEach((k, v) -> rows.add(List.of(k, value(v))));
        }
        return rows;
    }

    private static String value(Object v) {
        return v instanceof Double d ? number(d) : String.valueOf(v);
    }

    static String number(Double v) {
        if (v == null) {
            return "-";
        }
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        double abs = Math.abs(v);
        return abs != 0 && (abs >= 1e6 || abs < 1e-4) ? String.format(Locale.ROOT, "%.4g", v)
                : new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String n(long v) {
        return String.valueOf(v);
    }

    private static String duration(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60)
                : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private void heading(int level, String text) {
        blocks.add(new Heading(level, text));
    }

    private void paragraph(String text) {
        blocks.add(new Paragraph(text));
    }

    private void table(List<String> header, List<List<String>> rows) {
        blocks.add(new Table(header, rows));
    }

    private void code(String language, String text) {
        blocks.add(new Code(language, text));
    }

    private void figure(String caption, String svg) {
        blocks.add(new Figure(caption, svg));
    }
}

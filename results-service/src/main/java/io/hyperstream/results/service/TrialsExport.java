package io.hyperstream.results.service;

import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.results.document.BsonValues;
import io.hyperstream.results.document.TrialDoc;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bson.Document;

/**
 * A study's trials as rows in the shape of Optuna's {@code study.trials_dataframe()}: the columns
 * {@code number}, {@code value} (or {@code values_0}, {@code values_1}... with several objectives),
 * {@code datetime_start}, {@code datetime_complete}, {@code duration} (seconds), one
 * {@code params_<name>} per parameter and one {@code user_attrs_<name>} per user attribute (here:
 * the trainer id and each final metric), each group sorted by name, then {@code state}. A value a
 * trial does not have is null (an empty CSV cell).
 */
public final class TrialsExport {

    private final List<String> columns;
    private final List<Map<String, Object>> rows;

    private TrialsExport(List<String> columns, List<Map<String, Object>> rows) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
    }

    /** The export of a study's trial documents (by number) for a study with {@code objectives} objectives. */
    public static TrialsExport of(List<Document> trials, List<ParamSpec> space, int objectives) {
        TreeSet<String> params = new TreeSet<>();
        space.forEach(p -> params.add(p.name()));
        TreeSet<String> attrs = new TreeSet<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Document d : trials) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("number", d.getInteger(TrialDoc.NUMBER));
            List<Double> values = BsonValues.doubles(d.get(TrialDoc.VALUES));
            for (int k = 0; k < objectives; k++) {
                row.put(valueColumn(k, objectives), values == null || k >= values.size() ? null : finite(values.get(k)));
            }
            Instant start = BsonValues.instant(d.get(TrialDoc.STARTED_AT));
            Instant complete = BsonValues.instant(d.get(TrialDoc.FINISHED_AT));
            row.put("datetime_start", start);
            row.put("datetime_complete", complete);
            row.put("duration", start == null || complete == null ? null
                    : Duration.between(start, complete).toNanos() / 1e9);
            Map<String, Object> trialParams = BsonValues.map(d.get(TrialDoc.PARAMS));
            if (trialParams != null) {
                trialParams.forEach((name, value) -> {
                    params.add(name);
                    row.put("params_" + name, value);
                });
            }
            String trainer = d.getString(TrialDoc.TRAINER_ID);
            if (trainer != null) {
                attrs.add("trainer_id");
                row.put("user_attrs_trainer_id", trainer);
            }
            Map<String, Double> metrics = BsonValues.doubleMap(d.get(TrialDoc.METRICS));
            if (metrics != null) {
                metrics.forEach((name, value) -> {
                    attrs.add(name);
                    row.put("user_attrs_" + name, finite(value));
                });
            }
            row.put("state", d.getString(TrialDoc.STATE));
            rows.add(row);
        }
        List<String> columns = new ArrayList<>(List.of("number"));
        for (int k = 0; k < objectives; k++) {
            columns.add(valueColumn(k, objectives));
        }
        columns.addAll(List.of("datetime_start", "datetime_complete", "duration"));
        params.forEach(p -> columns.add("params_" + p));
        attrs.forEach(a -> columns.add("user_attrs_" + a));
        columns.add("state");
        List<Map<String, Object>> ordered = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Map<String, Object> full = new LinkedHashMap<>();
            columns.forEach(c -> full.put(c, row.get(c)));
            ordered.add(full);
        }
        return new TrialsExport(columns, ordered);
    }

    private static String valueColumn(int k, int objectives) {
        return objectives == 1 ? "value" : "values_" + k;
    }

    /** Non-finite numbers have no JSON form: they are exported as missing. */
    private static Double finite(Double v) {
        return v == null || !Double.isFinite(v) ? null : v;
    }

    /** The columns, in order. */
    public List<String> columns() {
        return columns;
    }

    /** One map per trial, column to value (null when missing), in column order. */
    public List<Map<String, Object>> rows() {
        return rows;
    }

    /** The rows as CSV (RFC 4180: a header line, commas, quotes where needed, CRLF line ends). */
    public String csv() {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", columns.stream().map(TrialsExport::cell).toList())).append("\r\n");
        for (Map<String, Object> row : rows) {
            List<String> cells = new ArrayList<>(columns.size());
            for (String c : columns) {
                cells.add(cell(row.get(c)));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = String.valueOf(value);
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}

package io.hyperstream.cli.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A study as the results API describes it. This is the one place that reads the API's JSON; it
 * reads the tree leniently (alternative field names, missing fields) so that small changes in
 * the API do not break hpo.
 *
 * @param state          RUNNING, COMPLETE or REJECTED (upper case), or null if absent
 * @param best           the best trial, or null (none complete yet, or several objectives)
 * @param finishedTrials the finished-trial count announced when the study completed, or null
 */
public record StudyView(String id, String name, String state, String reason, Counts counts, Best best,
                        Integer finishedTrials) {

    /** Trials by state. {@code finished} is complete + pruned + fail. */
    public record Counts(long waiting, long running, long complete, long pruned, long fail, long total, long finished) {
    }

    /** A trial's number, final objective value(s) and parameters. */
    public record Best(int number, List<Double> values, Map<String, Object> params) {
    }

    /** Reads a {@code GET /api/studies/{id}} answer. */
    public static StudyView from(JsonNode json) {
        return new StudyView(
                text(json, "id", "studyId", "_id"),
                text(json, "name"),
                upper(text(json, "state", "status")),
                text(json, "reason"),
                counts(field(json, "counts", "trialCounts", "trials")),
                best(field(json, "best", "bestTrial")),
                integer(field(json, "finishedTrials", "finished_trials")));
    }

    /** Whether the API says the study is complete with at least {@code finished} finished trials. */
    public boolean isCompleteWith(long finished) {
        return "COMPLETE".equals(state) && counts.finished() >= finished;
    }

    private static Counts counts(JsonNode node) {
        Map<String, Long> byName = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                if (e.getValue().isNumber()) {
                    byName.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().longValue());
                }
            }
        }
        long waiting = first(byName, "waiting");
        long running = first(byName, "running");
        long complete = first(byName, "complete", "completed");
        long pruned = first(byName, "pruned");
        long fail = first(byName, "fail", "failed");
        long finished = byName.containsKey("finished") ? byName.get("finished") : complete + pruned + fail;
        long total = byName.containsKey("total") ? byName.get("total") : waiting + running + complete + pruned + fail;
        return new Counts(waiting, running, complete, pruned, fail, total, finished);
    }

    private static Best best(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Integer number = integer(field(node, "number", "trialNumber", "trial"));
        if (number == null) {
            return null;
        }
        List<Double> values = new ArrayList<>();
        JsonNode v = field(node, "values");
        if (v != null && v.isArray()) {
            v.forEach(x -> values.add(x.isNumber() ? x.doubleValue() : parse(x.asText())));
        } else {
            JsonNode single = field(node, "value");
            if (single != null && !single.isNull()) {
                values.add(single.isNumber() ? single.doubleValue() : parse(single.asText()));
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        JsonNode p = field(node, "params", "parameters");
        if (p != null && p.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = p.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                params.put(e.getKey(), scalar(e.getValue()));
            }
        }
        return new Best(number, Collections.unmodifiableList(values), Collections.unmodifiableMap(params));
    }

    private static Object scalar(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNull()) {
            return null;
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }

    private static Double parse(String text) {
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static long first(Map<String, Long> byName, String... names) {
        for (String n : names) {
            if (byName.containsKey(n)) {
                return byName.get(n);
            }
        }
        return 0;
    }

    private static JsonNode field(JsonNode node, String... names) {
        for (String n : names) {
            JsonNode v = node.get(n);
            if (v != null && !v.isNull()) {
                return v;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String... names) {
        JsonNode v = field(node, names);
        return v == null ? null : v.asText();
    }

    private static Integer integer(JsonNode v) {
        return v != null && v.canConvertToInt() ? v.intValue() : null;
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }
}

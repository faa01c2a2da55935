package io.hyperstream.results.rest;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.CategoricalDistribution;
import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.results.service.ParamFilter;
import io.hyperstream.results.service.TrialQuery;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the query of a trial page: {@code state}, {@code sort} ({@code number} or {@code value}),
 * {@code order} ({@code asc} or {@code desc}), {@code objective}, {@code page}, {@code size} and
 * one {@code param.<name>} per filtered parameter: {@code low..high} for a number (either bound
 * may be left out; a single number means equal to it), {@code a,b} for categorical choices.
 * Every bad value is a 400 naming the parameter and the value.
 */
final class TrialQueryParser {

    /** The prefix of parameter filters. */
    static final String PARAM_PREFIX = "param.";

    private static final Set<String> KNOWN = Set.of("state", "sort", "order", "objective", "page", "size");

    private TrialQueryParser() {
    }

    /**
     * The query in {@code query}.
     *
     * @param space      the study's search space (empty while it is unknown)
     * @param objectives how many objectives the study has
     */
    static TrialQuery parse(MultivaluedMap<String, String> query, List<ParamSpec> space, int objectives) {
        for (String key : query.keySet()) {
            if (!KNOWN.contains(key) && !key.startsWith(PARAM_PREFIX)) {
                throw ProblemException.badRequest("unknown query parameter '" + key + "'; known: "
                        + KNOWN.stream().sorted().toList() + " and param.<name>");
            }
            if (query.get(key).size() > 1) {
                throw ProblemException.badRequest(key + " must be given once, but got " + query.get(key));
            }
        }
        TrialState state = QueryParams.constant("state", query.getFirst("state"), TrialState.class);
        TrialQuery.Sort sort = QueryParams.constant("sort", query.getFirst("sort"), TrialQuery.Sort.class);
        String order = query.getFirst("order");
        boolean descending = false;
        if (order != null && !order.isBlank()) {
            String o = order.trim().toLowerCase(Locale.ROOT);
            if (!o.equals("asc") && !o.equals("desc")) {
                throw ProblemException.badRequest("order must be asc or desc, but got '" + order + "'");
            }
            descending = o.equals("desc");
        }
        int objective = QueryParams.integer("objective", query.getFirst("objective"), 0, 0,
                Math.max(0, objectives - 1));
        int page = QueryParams.integer("page", query.getFirst("page"), 0, 0, Integer.MAX_VALUE);
        int size = QueryParams.integer("size", query.getFirst("size"), StudyResource.DEFAULT_PAGE_SIZE, 1,
                StudyResource.MAX_PAGE_SIZE);
        List<ParamFilter> filters = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (e.getKey().startsWith(PARAM_PREFIX)) {
                filters.add(filter(e.getKey(), e.getValue().get(0), space));
            }
        }
        return new TrialQuery(state, filters, sort, descending, objective, page, size);
    }

    private static ParamFilter filter(String key, String text, List<ParamSpec> space) {
        String name = key.substring(PARAM_PREFIX.length());
        ParamSpec param = space.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() ->
                ProblemException.badRequest(key + ": '" + name + "' is not a parameter of this study (parameters: "
                        + space.stream().map(ParamSpec::name).toList() + ")"));
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest(key + " needs a value, such as " + example(param));
        }
        String value = text.trim();
        if (param.distribution() instanceof CategoricalDistribution c) {
            List<Object> choices = new ArrayList<>();
            for (String part : value.split(",")) {
                Object choice = c.choices().stream().filter(ch -> String.valueOf(ch).equals(part.trim())).findFirst()
                        .orElseThrow(() -> ProblemException.badRequest(key + " must name choices of " + c.choices()
                                + " separated by commas, but got '" + text + "'"));
                choices.add(choice);
            }
            return new ParamFilter(name, null, null, choices);
        }
        int dots = value.indexOf("..");
        if (dots < 0) {
            double v = number(key, value, text);
            return new ParamFilter(name, v, v, null);
        }
        String low = value.substring(0, dots).trim();
        String high = value.substring(dots + 2).trim();
        if (low.isEmpty() && high.isEmpty()) {
            throw ProblemException.badRequest(key + " must be a range low..high with at least one bound, such as "
                    + example(param) + ", but got '" + text + "'");
        }
        Double lowValue = low.isEmpty() ? null : number(key, low, text);
        Double highValue = high.isEmpty() ? null : number(key, high, text);
        if (lowValue != null && highValue != null && lowValue > highValue) {
            throw ProblemException.badRequest(key + ": low <= high must hold, but got '" + text + "'");
        }
        return new ParamFilter(name, lowValue, highValue, null);
    }

    private static double number(String key, String part, String text) {
        try {
            double v = Double.parseDouble(part);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(key + " must be a number or a range low..high of numbers (such as"
                    + " 1e-4..1e-2, ..0.5 or 3..), but got '" + text + "'");
        }
    }

    private static String example(ParamSpec param) {
        return param.distribution() instanceof CategoricalDistribution c
                ? PARAM_PREFIX + param.name() + "=" + c.choices().get(0)
                : PARAM_PREFIX + param.name() + "=low..high";
    }
}

package io.hyperstream.sampler.algorithm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of {@link GridSampler}.
 *
 * @param searchSpace     the values to try, by parameter name (Optuna's {@code search_space});
 *                        parameters it does not name take their values from their distribution
 * @param nPointsPerFloat how many evenly spread values a continuous float parameter that
 *                        {@code searchSpace} does not name takes (null: such a parameter is refused)
 * @param maxGridSize     the most configurations a grid may have
 */
public record GridOptions(Map<String, List<Object>> searchSpace, Integer nPointsPerFloat, int maxGridSize) {

    /** The default limit on the number of configurations. */
    public static final int DEFAULT_MAX_GRID_SIZE = 100_000;

    public GridOptions {
        Map<String, List<Object>> copy = new LinkedHashMap<>();
        if (searchSpace != null) {
            // Values may be null (a categorical choice), which List.copyOf refuses.
            searchSpace.forEach((name, values) -> copy.put(name, Collections.unmodifiableList(new ArrayList<>(values))));
        }
        searchSpace = Collections.unmodifiableMap(copy);
        if (nPointsPerFloat != null && nPointsPerFloat < 2) {
            throw new IllegalArgumentException("sampler.options.n_points_per_float of sampler 'grid' must be >= 2, but got "
                    + nPointsPerFloat);
        }
        if (maxGridSize < 1) {
            throw new IllegalArgumentException("sampler.options.max_grid_size of sampler 'grid' must be >= 1, but got "
                    + maxGridSize);
        }
    }

    /** Options from a spec's {@code sampler.options}, defaults for the rest. */
    public static GridOptions from(Map<String, Object> options) {
        SamplerRegistry.requireKnownOptions("grid", options, GridSampler.OPTION_NAMES);
        OptionReader r = new OptionReader("grid", options);
        Integer points = options.get("n_points_per_float") == null ? null : r.integer("n_points_per_float", 0);
        return new GridOptions(searchSpace(options.get("search_space")), points,
                r.integer("max_grid_size", DEFAULT_MAX_GRID_SIZE));
    }

    private static Map<String, List<Object>> searchSpace(Object option) {
        if (option == null) {
            return Map.of();
        }
        if (!(option instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("sampler.options.search_space of sampler 'grid' must map parameter names"
                    + " to lists of values, but got " + option);
        }
        Map<String, List<Object>> space = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String where = "sampler.options.search_space." + e.getKey();
            if (!(e.getValue() instanceof List<?> values) || values.isEmpty()) {
                throw new IllegalArgumentException(where + " must be a non-empty list of values, but got " + e.getValue());
            }
            for (Object v : values) {
                if (v != null && !(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                    throw new IllegalArgumentException(where + " must hold strings, numbers, booleans or null, but holds " + v);
                }
            }
            space.put(String.valueOf(e.getKey()), new ArrayList<>(values));
        }
        return space;
    }
}

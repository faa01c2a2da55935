package io.hyperstream.sampler.algorithm;

import io.hyperstream.model.spec.CategoricalDistribution;
import io.hyperstream.model.spec.Distribution;
import io.hyperstream.model.spec.FloatDistribution;
import io.hyperstream.model.spec.IntDistribution;
import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.model.spec.StudySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The configurations of a finite search space, each once: the tree of parameter values in
 * search-space order, where a conditional parameter branches only under the values of its parent
 * that meet its condition. Also a shuffled order in which to try them.
 */
final class Grid {

    private final StudySpec spec;
    /** values.get(p): the values parameter p takes, in the order given or derived. */
    private final List<List<Object>> values;
    /** valueIndex.get(p): the position of each value of parameter p, by its internal number. */
    private final List<Map<Double, Integer>> valueIndex;
    /** points[i][p]: the position of parameter p's value in configuration i, or -1 where p is absent. */
    private final int[][] points;
    private final Map<Configuration, Integer> index = new HashMap<>();
    private final int[] order;

    private Grid(StudySpec spec, List<List<Object>> values, int[][] points, int[] order) {
        this.spec = spec;
        this.values = values;
        this.points = points;
        this.order = order;
        this.valueIndex = new ArrayList<>();
        for (int p = 0; p < values.size(); p++) {
            Distribution d = spec.searchSpace().get(p).distribution();
            Map<Double, Integer> positions = new HashMap<>();
            for (int k = 0; k < values.get(p).size(); k++) {
                positions.put(d.toInternal(values.get(p).get(k)), k);
            }
            valueIndex.add(positions);
        }
        for (int i = 0; i < points.length; i++) {
            index.put(new Configuration(points[i]), i);
        }
    }

    /** A configuration as value positions, compared by content. */
    private record Configuration(int[] positions) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Configuration c && Arrays.equals(positions, c.positions);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(positions);
        }
    }

    /**
     * The grid of a study's search space. Throws IllegalArgumentException naming the parameter or
     * option when a parameter has no finite set of values, a value given in the options lies outside
     * its parameter's distribution, or the grid would exceed {@code max_grid_size}.
     */
    static Grid of(StudySpec spec, GridOptions options, SplittableRandom random) {
        List<ParamSpec> params = spec.searchSpace();
        for (String name : options.searchSpace().keySet()) {
            if (params.stream().noneMatch(p -> p.name().equals(name))) {
                throw new IllegalArgumentException("sampler.options.search_space names parameter '" + name
                        + "', which is not in the search space " + params.stream().map(ParamSpec::name).toList());
            }
        }
        List<List<Object>> values = new ArrayList<>();
        for (ParamSpec param : params) {
            List<Object> given = options.searchSpace().get(param.name());
            values.add(given != null ? givenValues(param, given) : derivedValues(param, options));
        }
        int[][] points = enumerate(params, values, options.maxGridSize());
        int[] order = new int[points.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return new Grid(spec, List.copyOf(values), points, order);
    }

    StudySpec spec() {
        return spec;
    }

    int size() {
        return points.length;
    }

    /** Configuration {@code i}, its parameters in search-space order. */
    Map<String, Object> point(int i) {
        Map<String, Object> point = new LinkedHashMap<>();
        for (int p = 0; p < points[i].length; p++) {
            if (points[i][p] >= 0) {
                point.put(spec.searchSpace().get(p).name(), values.get(p).get(points[i][p]));
            }
        }
        return point;
    }

    /** Every configuration once, in the order to try them. */
    int[] order() {
        return order;
    }

    /** The number of the configuration a trial's parameters are, or -1 if they are none of the grid's. */
    int indexOf(Map<String, Object> params) {
        List<ParamSpec> space = spec.searchSpace();
        int[] positions = new int[space.size()];
        int present = 0;
        for (int p = 0; p < space.size(); p++) {
            ParamSpec param = space.get(p);
            if (!params.containsKey(param.name())) {
                positions[p] = -1;
                continue;
            }
            Object v = params.get(param.name());
            Integer position = param.distribution().contains(v)
                    ? valueIndex.get(p).get(param.distribution().toInternal(v))
                    : null;
            if (position == null) {
                return -1;
            }
            positions[p] = position;
            present++;
        }
        if (present != params.size()) {
            return -1;
        }
        return index.getOrDefault(new Configuration(positions), -1);
    }

    private static List<Object> givenValues(ParamSpec param, List<Object> given) {
        String where = "sampler.options.search_space." + param.name();
        Distribution d = param.distribution();
        List<Object> values = new ArrayList<>();
        for (Object v : given) {
            if (!d.contains(v)) {
                throw new IllegalArgumentException(where + ": value " + v + " is outside the parameter's distribution "
                        + describe(d));
            }
            Object value = canonical(d, v);
            if (values.contains(value)) {
                throw new IllegalArgumentException(where + ": value " + v + " is given twice");
            }
            values.add(value);
        }
        return values;
    }

    /** A value as the sampler returns values of this distribution (Long, Double or the choice itself). */
    private static Object canonical(Distribution d, Object v) {
        if (d instanceof IntDistribution) {
            return ((Number) v).longValue();
        }
        if (d instanceof FloatDistribution) {
            return ((Number) v).doubleValue();
        }
        return d.toExternal(d.toInternal(v));
    }

    private static List<Object> derivedValues(ParamSpec param, GridOptions options) {
        Distribution d = param.distribution();
        if (d instanceof CategoricalDistribution c) {
            return c.choices();
        }
        if (d instanceof IntDistribution i) {
            long count = (i.effectiveHigh() - i.low()) / i.step() + 1;
            requireAtMost(param, count, options.maxGridSize());
            List<Object> values = new ArrayList<>();
            for (long k = 0; k < count; k++) {
                values.add(i.low() + k * i.step());
            }
            return values;
        }
        FloatDistribution f = (FloatDistribution) d;
        if (f.isSingle()) {
            return List.of(f.low());
        }
        if (f.step() != null) {
            long count = Math.round((f.effectiveHigh() - f.low()) / f.step()) + 1;
            requireAtMost(param, count, options.maxGridSize());
            List<Object> values = new ArrayList<>();
            for (long k = 0; k < count; k++) {
                values.add(Math.min(f.low() + k * f.step(), f.high()));
            }
            return values;
        }
        Integer n = options.nPointsPerFloat();
        if (n == null) {
            throw new IllegalArgumentException("parameter '" + param.name() + "' is a continuous float (no step), so"
                    + " it has no grid: list its values in sampler.options.search_space." + param.name()
                    + ", give it a step, or set sampler.options.n_points_per_float");
        }
        requireAtMost(param, n, options.maxGridSize());
        double low = f.log() ? Math.log(f.low()) : f.low();
        double high = f.log() ? Math.log(f.high()) : f.high();
        List<Object> values = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            double t = (double) k / (n - 1);
            double x = low * (1 - t) + high * t;
            double v = f.log() ? Math.exp(x) : x;
            values.add(k == 0 ? f.low() : k == n - 1 ? f.high() : Math.max(f.low(), Math.min(f.high(), v)));
        }
        return values;
    }

    private static void requireAtMost(ParamSpec param, long count, int max) {
        if (count > max) {
            throw new IllegalArgumentException("parameter '" + param.name() + "' alone has " + count
                    + " grid values, more than sampler.options.max_grid_size=" + max);
        }
    }

    /** The tree of values, in search-space order, refusing it once it outgrows {@code max}. */
    private static int[][] enumerate(List<ParamSpec> params, List<List<Object>> values, int max) {
        int n = params.size();
        int[] parents = new int[n];
        for (int p = 0; p < n; p++) {
            parents[p] = -1;
            for (int q = 0; q < p && params.get(p).isConditional(); q++) {
                if (params.get(q).name().equals(params.get(p).condition().param())) {
                    parents[p] = q;
                }
            }
        }
        List<int[]> partial = new ArrayList<>();
        int[] root = new int[n];
        Arrays.fill(root, -1);
        partial.add(root);
        for (int p = 0; p < n; p++) {
            ParamSpec param = params.get(p);
            int count = values.get(p).size();
            long next = 0;
            for (int[] point : partial) {
                next += applies(param, point, parents[p], values) ? count : 1;
            }
            if (next > max) {
                throw new IllegalArgumentException("the grid has more than sampler.options.max_grid_size=" + max
                        + " configurations (" + counts(params, values) + "); list fewer values in"
                        + " sampler.options.search_space or raise sampler.options.max_grid_size");
            }
            List<int[]> grown = new ArrayList<>((int) next);
            for (int[] point : partial) {
                if (!applies(param, point, parents[p], values)) {
                    grown.add(point);
                    continue;
                }
                for (int k = 0; k < count; k++) {
                    int[] child = point.clone();
                    child[p] = k;
                    grown.add(child);
                }
            }
            partial = grown;
        }
        return partial.toArray(new int[0][]);
    }

    /** Whether a parameter exists in a configuration built so far, given the position of its parent. */
    private static boolean applies(ParamSpec param, int[] point, int parent, List<List<Object>> values) {
        if (!param.isConditional()) {
            return true;
        }
        return parent >= 0 && point[parent] >= 0 && param.condition().holds(values.get(parent).get(point[parent]));
    }

    private static String counts(List<ParamSpec> params, List<List<Object>> values) {
        List<String> parts = new ArrayList<>();
        for (int p = 0; p < params.size(); p++) {
            parts.add(params.get(p).name() + ": " + values.get(p).size() + " values"
                    + (params.get(p).isConditional() ? " when its condition holds" : ""));
        }
        return String.join(", ", parts);
    }

    private static String describe(Distribution d) {
        if (d instanceof CategoricalDistribution c) {
            return "(choices " + c.choices() + ")";
        }
        if (d instanceof IntDistribution i) {
            return "(int " + i.low() + ".." + i.high() + (i.step() != 1 ? " step " + i.step() : "") + (i.log() ? " log" : "") + ")";
        }
        FloatDistribution f = (FloatDistribution) d;
        return "(float " + f.low() + ".." + f.high() + (f.step() != null ? " step " + f.step() : "") + (f.log() ? " log" : "") + ")";
    }
}

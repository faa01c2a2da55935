package io.hyperstream.trainer.objective;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an objective measured: the objective values (one per study direction, in the order of
 * the spec's metrics) and every metric it measured, by name.
 */
public record Evaluation(List<Double> values, Map<String, Double> metrics) {

    public Evaluation {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("an evaluation needs at least one objective value, but got " + values);
        }
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("objective values must not be null, but got " + values);
        }
        values = List.copyOf(values);
        Map<String, Double> copy = new LinkedHashMap<>();
        if (metrics != null) {
            for (Map.Entry<String, Double> metric : metrics.entrySet()) {
                if (metric.getKey() == null || metric.getValue() == null) {
                    throw new IllegalArgumentException("metrics must not hold null names or values, but got " + metrics);
                }
                copy.put(metric.getKey(), metric.getValue());
            }
        }
        metrics = Collections.unmodifiableMap(copy);
    }

    /** A single-objective evaluation whose only metric is the objective value itself. */
    public static Evaluation single(String metric, double value) {
        return new Evaluation(List.of(value), Map.of(metric, value));
    }
}

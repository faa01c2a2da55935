package io.hyperstream.results.service;

import java.util.List;
import java.util.Map;

/**
 * A complete trial that is best (single objective) or on the Pareto front (several objectives):
 * its number, final value(s) and parameters.
 */
public record BestTrial(int number, List<Double> values, Map<String, Object> params) {
}

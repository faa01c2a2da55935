package io.hyperstream.results.service;

import java.util.List;
import java.util.Map;

/** The best complete trial of a single-objective study: its number, final value(s) and parameters. */
public record BestTrial(int number, List<Double> values, Map<String, Object> params) {
}

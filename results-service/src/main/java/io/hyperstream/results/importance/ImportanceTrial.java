package io.hyperstream.results.importance;

import java.util.Map;

/**
 * A complete trial as importance evaluators see it: its parameter values (as the spec's
 * distributions hold them) and the value whose variation is explained.
 */
public record ImportanceTrial(int number, Map<String, Object> params, double target) {
}

package io.hyperstream.model.spec;

import java.util.List;

/**
 * Upper bounds on the size of a study spec, far above any real study, so that an absurd spec is
 * rejected with the field and the limit named instead of being stored, sampled and sent with
 * every trial.
 */
public final class SpecLimits {

    /** Most parameters in a search space. */
    public static final int MAX_PARAMETERS = 1_000;
    /** Longest study, parameter or metric name, in characters. */
    public static final int MAX_NAME_LENGTH = 200;
    /** Most choices of one categorical parameter. */
    public static final int MAX_CHOICES = 10_000;

    private SpecLimits() {
    }

    /** Fails with an IllegalArgumentException naming the field and the limit it exceeds. */
    static void check(String name, List<ParamSpec> searchSpace, ObjectiveSpec objective) {
        checkName("name", name);
        if (searchSpace.size() > MAX_PARAMETERS) {
            throw new IllegalArgumentException("search_space holds " + searchSpace.size()
                    + " parameters; at most " + MAX_PARAMETERS + " are allowed");
        }
        for (int i = 0; i < searchSpace.size(); i++) {
            ParamSpec param = searchSpace.get(i);
            checkName("search_space[" + i + "].name", param.name());
            if (param.distribution() instanceof CategoricalDistribution c && c.choices().size() > MAX_CHOICES) {
                throw new IllegalArgumentException("search_space[" + i + "]: parameter '" + param.name()
                        + "': choices holds " + c.choices().size() + " values; at most " + MAX_CHOICES
                        + " are allowed");
            }
        }
        for (int i = 0; i < objective.metrics().size(); i++) {
            checkName("objective.metrics[" + i + "]", objective.metrics().get(i));
        }
    }

    private static void checkName(String field, String value) {
        if (value != null && value.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(field + " is " + value.length() + " characters long ('"
                    + value.substring(0, 20) + "...'); at most " + MAX_NAME_LENGTH + " are allowed");
        }
    }
}

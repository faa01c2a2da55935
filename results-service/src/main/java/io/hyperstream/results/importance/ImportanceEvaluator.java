package io.hyperstream.results.importance;

import io.hyperstream.model.spec.ParamSpec;
import java.util.List;

/** Assesses how much each parameter explains of the trials' target values. */
public interface ImportanceEvaluator {

    /**
     * The importance of each parameter (each with more than one possible value), in the order
     * given, summing to 1.
     *
     * @param trials        complete trials holding every parameter, with finite targets; at least 2
     * @param lowerIsBetter whether lower targets are better (for evaluators that look at the best trials)
     * @throws NotEnoughVariation when the trials do not vary enough to tell the parameters apart
     */
    List<Double> evaluate(List<ParamSpec> params, List<ImportanceTrial> trials, boolean lowerIsBetter);

    /** The trials cannot tell the parameters' importances apart. */
    class NotEnoughVariation extends RuntimeException {
        public NotEnoughVariation(String message) {
            super(message);
        }
    }
}

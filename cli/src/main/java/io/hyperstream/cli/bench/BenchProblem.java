package io.hyperstream.cli.bench;

import io.hyperstream.model.Json;
import io.hyperstream.model.function.SyntheticFunction;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.model.spec.SamplerSpec;
import io.hyperstream.model.spec.StudySpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One problem of a benchmark file ({@code hpo-anchor-problems/1}): its search space as a study
 * spec, its direction and known optimum, and, for synthetic problems, the function to evaluate.
 *
 * @param name      the problem's name
 * @param kind      {@code synthetic} (evaluated in process) or {@code ml} (needs a trainer)
 * @param function  the function name ({@code branin}, {@code fetal_mlp}, ...)
 * @param direction minimize or maximize
 * @param optimum   the best value there is, or null where unknown
 * @param constants the function's constants as the file gives them (empty when none)
 * @param spec      the search space (with the direction) as a study spec
 */
public record BenchProblem(String name, String kind, String function, Direction direction, Double optimum,
                           Map<String, Object> constants, StudySpec spec) {

    /** Whether the problem can be evaluated in process (a synthetic function this build knows). */
    public boolean evaluable() {
        return "synthetic".equals(kind);
    }

    /** Whether any parameter is categorical. */
    public boolean hasCategorical() {
        return spec.searchSpace().stream()
                .anyMatch(p -> p.distribution() instanceof io.hyperstream.model.spec.CategoricalDistribution);
    }

    /** The objective at a trial's parameters; only for {@linkplain #evaluable() evaluable} problems. */
    public double evaluate(Map<String, Object> params) {
        SyntheticFunction f = SyntheticFunction.named(function);
        return f.evaluate(constants, f.inputs(params));
    }

    /** How far {@code best} is from the optimum (>= 0 up to rounding), or null when the optimum is unknown. */
    public Double regret(double best) {
        if (optimum == null) {
            return null;
        }
        return direction == Direction.MINIMIZE ? best - optimum : optimum - best;
    }

    /** Whether {@code a} is better than {@code b} in the problem's direction. */
    public boolean better(double a, double b) {
        return direction == Direction.MINIMIZE ? a < b : a > b;
    }

    /** The same problem as a study of {@code nTrials} trials with the given sampler. */
    public StudySpec specWith(SamplerSpec sampler, int nTrials) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", spec.name());
        json.put("direction", direction.jsonName());
        json.put("search_space", Json.mapper().convertValue(spec.searchSpace(), List.class));
        json.put("sampler", Json.mapper().convertValue(sampler, Map.class));
        json.put("objective", Map.of("kind", "synthetic", "settings", Map.of("function", function), "max_epochs", 1));
        json.put("budget", Map.of("n_trials", nTrials));
        return Json.read(Json.write(json), StudySpec.class);
    }

    /** The parameters of the search space, in suggestion order. */
    public List<ParamSpec> params() {
        return spec.searchSpace();
    }
}

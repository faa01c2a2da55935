package io.hyperstream.results.importance;

import io.hyperstream.model.spec.ParamSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Chooses what importance is computed on, as Optuna's {@code get_param_importances} does: only
 * complete trials with a finite target; by default the parameters every one of them has (a
 * conditional parameter missing from some trial is left out and reported as excluded), sorted by
 * name; with requested parameters, those and the trials that have them all. A parameter with a
 * single possible value gets 0.
 */
public final class Importances {

    /** The fewest trials importances need. */
    public static final int MIN_TRIALS = 2;

    private Importances() {
    }

    /** One parameter's importance. */
    public record Importance(String param, double importance) {
    }

    /**
     * Importances, highest first, or why there are none.
     *
     * @param trials   how many trials they were computed on
     * @param excluded parameters of the search space left out because some trials lack them
     * @param message  why {@code importances} is empty; null when it is not
     */
    public record Result(int trials, List<Importance> importances, List<String> excluded, String message) {
    }

    /**
     * Computes importances.
     *
     * @param space         the study's search space
     * @param complete      the complete trials, with the target (NaN or infinite ones are left out)
     * @param requested     the parameters to assess, or null for every parameter all trials have
     * @param lowerIsBetter whether lower targets are better
     * @throws IllegalArgumentException when a requested parameter is not in the search space
     */
    public static Result compute(List<ParamSpec> space, List<ImportanceTrial> complete, List<String> requested,
                                 ImportanceEvaluator evaluator, boolean lowerIsBetter) {
        List<ImportanceTrial> finite = complete.stream().filter(t -> Double.isFinite(t.target())).toList();
        List<ParamSpec> params = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        if (requested == null) {
            for (ParamSpec p : space) {
                if (finite.stream().allMatch(t -> t.params().get(p.name()) != null)) {
                    params.add(p);
                } else {
                    excluded.add(p.name());
                }
            }
        } else {
            for (String name : requested) {
                params.add(space.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() ->
                        new IllegalArgumentException("'" + name + "' is not a parameter of the study (parameters: "
                                + space.stream().map(ParamSpec::name).toList() + ")")));
            }
        }
        params.sort(Comparator.comparing(ParamSpec::name));
        List<ImportanceTrial> used = finite.stream()
                .filter(t -> params.stream().allMatch(p -> t.params().get(p.name()) != null)).toList();
        if (params.isEmpty()) {
            return new Result(used.size(), List.of(), excluded, "no parameter is present in every complete trial");
        }
        if (used.size() < MIN_TRIALS) {
            return new Result(used.size(), List.of(), excluded, "importances need at least " + MIN_TRIALS
                    + " complete trials with a finite value and every parameter assessed, but there "
                    + (used.size() == 1 ? "is 1" : "are " + used.size()));
        }
        List<ParamSpec> varying = params.stream().filter(p -> !p.distribution().isSingle()).toList();
        List<Importance> result = new ArrayList<>();
        if (!varying.isEmpty()) {
            List<Double> values;
            try {
                values = evaluator.evaluate(varying, used, lowerIsBetter);
            } catch (ImportanceEvaluator.NotEnoughVariation e) {
                return new Result(used.size(), List.of(), excluded, e.getMessage());
            }
            for (int i = 0; i < varying.size(); i++) {
                result.add(new Importance(varying.get(i).name(), values.get(i)));
            }
        }
        params.stream().filter(p -> p.distribution().isSingle()).forEach(p -> result.add(new Importance(p.name(), 0.0)));
        result.sort(Comparator.comparingDouble(Importance::importance).reversed().thenComparing(Importance::param));
        return new Result(used.size(), List.copyOf(result), List.copyOf(excluded), null);
    }

    /** The values divided by their sum; throws when nothing is explained (the sum is not positive). */
    static List<Double> normalized(List<Double> values) {
        double sum = values.stream().mapToDouble(Double::doubleValue).sum();
        if (!(sum > 0) || !Double.isFinite(sum)) {
            throw new ImportanceEvaluator.NotEnoughVariation("no parameter explains any of the variation of the"
                    + " target values");
        }
        return values.stream().map(v -> v / sum).toList();
    }

    /** Parameter values of a trial, for callers that keep them in other maps. */
    public static ImportanceTrial trial(int number, Map<String, Object> params, double target) {
        return new ImportanceTrial(number, params, target);
    }
}

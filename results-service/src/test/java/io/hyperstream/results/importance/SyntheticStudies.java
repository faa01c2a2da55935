package io.hyperstream.results.importance;

import io.hyperstream.model.spec.CategoricalDistribution;
import io.hyperstream.model.spec.Condition;
import io.hyperstream.model.spec.FloatDistribution;
import io.hyperstream.model.spec.IntDistribution;
import io.hyperstream.model.spec.ParamSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Random trials of a known objective, to check that importances find the parameters that matter. */
final class SyntheticStudies {

    /** x0, x1 in [0, 1], lr in [1e-5, 1e-1] (log), units 1..64, opt in {sgd, adam, rmsprop}. */
    static final List<ParamSpec> SPACE = List.of(
            new ParamSpec("x0", new FloatDistribution(0, 1, false, null)),
            new ParamSpec("x1", new FloatDistribution(0, 1, false, null)),
            new ParamSpec("lr", new FloatDistribution(1e-5, 1e-1, true, null)),
            new ParamSpec("units", new IntDistribution(1, 64, false, 1)),
            new ParamSpec("opt", new CategoricalDistribution(List.of("sgd", "adam", "rmsprop"))));

    private SyntheticStudies() {
    }

    /** {@code n} trials with parameters drawn uniformly (lr log-uniformly) and the objective plus noise. */
    static List<ImportanceTrial> trials(int n, long seed, double noise, ToDoubleFunction<Map<String, Object>> objective) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ImportanceTrial> trials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("x0", random.nextDouble());
            params.put("x1", random.nextDouble());
            params.put("lr", Math.pow(10, -5 + 4 * random.nextDouble()));
            params.put("units", (long) random.nextInt(1, 65));
            params.put("opt", List.of("sgd", "adam", "rmsprop").get(random.nextInt(3)));
            double value = objective.applyAsDouble(params) + noise * gaussian(random);
            trials.add(new ImportanceTrial(i, params, value));
        }
        return trials;
    }

    /** f = 10 x0 + 0.1 x1: x0 matters, x1 a little, the others not at all. */
    static double linear(Map<String, Object> p) {
        return 10 * (double) p.get("x0") + 0.1 * (double) p.get("x1");
    }

    /** A conditional parameter: "momentum" exists only when opt is sgd. */
    static final ParamSpec MOMENTUM = new ParamSpec("momentum", new FloatDistribution(0, 1, false, null),
            new Condition("opt", null, null, List.of("sgd")));

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}

package io.hyperstream.sampler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperstream.model.Json;
import io.hyperstream.model.spec.StudySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Study specs for tests, built from JSON as users write them. */
public final class TestSpecs {

    private TestSpecs() {
    }

    /**
     * The search space of the fetal_mlp benchmark problem, copied from
     * {@code /work/shared/bench/problems.json} (n_units_l1 exists when n_layers >= 2, n_units_l2
     * when n_layers >= 3).
     */
    public static ArrayNode fetalMlpSearchSpace() {
        try (InputStream in = TestSpecs.class.getResourceAsStream("/fetal_mlp_search_space.json")) {
            return (ArrayNode) Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fetal_mlp problem as a study spec. */
    public static StudySpec fetalMlp(long seed, int nTrials, int parallelism) {
        ObjectNode spec = specJson(seed, nTrials, parallelism);
        spec.set("search_space", fetalMlpSearchSpace());
        spec.put("direction", "maximize");
        ((ObjectNode) spec.get("objective")).put("kind", "mlp-classifier").put("metric", "balanced_accuracy");
        return toSpec(spec);
    }

    /** A two-parameter synthetic (branin) study with a median pruner. */
    public static ObjectNode specJson(Long seed, int nTrials, int parallelism) {
        ObjectNode spec = (ObjectNode) parse("""
                {"name":"branin","direction":"minimize",
                 "search_space":[{"name":"x0","type":"float","low":-5,"high":10},
                                 {"name":"x1","type":"float","low":0,"high":15}],
                 "sampler":{"type":"random"},
                 "pruner":{"type":"median"},
                 "objective":{"kind":"synthetic","settings":{"function":"branin"},"metric":"value","max_epochs":10},
                 "budget":{}}
                """);
        if (seed != null) {
            ((ObjectNode) spec.get("sampler")).put("seed", seed);
        }
        ((ObjectNode) spec.get("budget")).put("n_trials", nTrials).put("parallelism", parallelism);
        return spec;
    }

    /** A synthetic study as a spec. */
    public static StudySpec branin(Long seed, int nTrials, int parallelism) {
        return toSpec(specJson(seed, nTrials, parallelism));
    }

    /** Converts spec JSON as the service does. */
    public static StudySpec toSpec(JsonNode json) {
        try {
            return Json.mapper().treeToValue(json, StudySpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses JSON text. */
    public static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.hyperstream.sampler.algorithm;

import io.hyperstream.model.spec.SamplerSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Creates samplers by the type name a study spec gives ({@code sampler.type}). */
public final class SamplerRegistry {

    /** Builds a sampler from its options and seed; throws IllegalArgumentException on bad options. */
    @FunctionalInterface
    public interface Factory {
        Sampler create(Map<String, Object> options, long seed);
    }

    private final Map<String, Factory> factories;

    public SamplerRegistry(Map<String, Factory> factories) {
        this.factories = new LinkedHashMap<>(factories);
    }

    /** The samplers Hyperstream ships. */
    public static SamplerRegistry standard() {
        Map<String, Factory> factories = new LinkedHashMap<>();
        factories.put("random", (options, seed) -> {
            requireKnownOptions("random", options, Set.of());
            return new RandomSampler(seed);
        });
        factories.put("tpe", (options, seed) -> new TpeSampler(TpeSampler.Options.from(options), seed));
        factories.put("tpe_mv", (options, seed) ->
                new TpeSampler(TpeSampler.Options.from(options).withMultivariate(true), seed));
        factories.put("gp", (options, seed) -> new GpSampler(GpSampler.Options.from(options), seed));
        return new SamplerRegistry(factories);
    }

    /** The known type names, in registration order. */
    public List<String> names() {
        return List.copyOf(factories.keySet());
    }

    /**
     * A new sampler of the spec's type, with its options and the given seed. Throws
     * IllegalArgumentException naming the field and value when the type or an option is unknown.
     */
    public Sampler create(SamplerSpec spec, long seed) {
        Factory factory = factories.get(spec.type());
        if (factory == null) {
            throw new IllegalArgumentException("sampler.type '" + spec.type() + "' is unknown; known samplers: " + names());
        }
        return factory.create(spec.options(), seed);
    }

    /** Fails with a message naming every option of {@code options} that {@code known} lacks. */
    public static void requireKnownOptions(String type, Map<String, Object> options, Set<String> known) {
        List<String> unknown = options.keySet().stream().filter(k -> !known.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("sampler.options " + unknown + " are not options of sampler '"
                    + type + "' (known options: " + known.stream().sorted().toList() + ")");
        }
    }
}

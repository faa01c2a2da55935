package io.hyperstream.sampler.algorithm;

import io.hyperstream.model.spec.SamplerSpec;
import io.hyperstream.model.spec.StudySpec;
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
        factories.put("grid", (options, seed) -> new GridSampler(GridOptions.from(options), seed));
        factories.put("qmc", (options, seed) -> new QmcSampler(QmcSampler.Options.from("qmc", options, false), seed));
        factories.put("qmc_scrambled", (options, seed) ->
                new QmcSampler(QmcSampler.Options.from("qmc_scrambled", options, true), seed));
        factories.put("nsga2", (options, seed) -> new NsgaIISampler(NsgaIISampler.Options.from(options), seed));
        factories.put("cmaes", (options, seed) -> new CmaEsSampler(CmaEsSampler.Options.from(options), seed));
        factories.put("gp", (options, seed) -> new GpSampler(GpSampler.Options.from(options), seed));
        Map<String, Factory> delegates = new LinkedHashMap<>(factories);
        factories.put("auto", (options, seed) -> new AutoSampler(options, seed,
                (type, delegateSeed) -> delegates.get(type).create(Map.of(), delegateSeed)));
        return new SamplerRegistry(factories);
    }

    /**
     * The standard samplers plus {@code plugins}. A plug-in whose name is malformed or already
     * taken is an error naming both, so that a spec never silently gets another sampler.
     */
    public static SamplerRegistry withPlugins(List<SamplerPlugin> plugins) {
        SamplerRegistry registry = standard();
        Map<String, Factory> factories = new LinkedHashMap<>(registry.factories);
        Map<String, String> origin = new LinkedHashMap<>();
        for (SamplerPlugin plugin : plugins) {
            String name = plugin.name();
            String source = plugin.getClass().getName();
            if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("sampler plug-in " + source + " has the name '" + name
                        + "'; a name is lower-case letters, digits and underscores, starting with a letter");
            }
            if (factories.containsKey(name)) {
                throw new IllegalArgumentException("sampler plug-in " + source + " is named '" + name
                        + "', which " + origin.getOrDefault(name, "a built-in sampler") + " already uses");
            }
            factories.put(name, plugin::create);
            origin.put(name, "plug-in " + source);
        }
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

    /**
     * A new sampler for a study: of the study's sampler type, options and the given seed, and
     * able to run the study's search space ({@link Sampler#checkSpec}). Throws
     * IllegalArgumentException naming the field and value otherwise.
     */
    public Sampler createFor(StudySpec study, long seed) {
        Sampler sampler = create(study.sampler(), seed);
        sampler.checkSpec(study);
        return sampler;
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

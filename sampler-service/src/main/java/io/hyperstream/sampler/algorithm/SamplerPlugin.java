package io.hyperstream.sampler.algorithm;

import java.util.Map;

/**
 * A sampler added from outside Hyperstream, selectable in a study spec by its {@link #name()}
 * ({@code sampler: {type: NAME, options: {...}}}).
 *
 * <p>A plug-in is a jar holding an implementation of this interface and the file
 * {@code META-INF/services/io.hyperstream.sampler.algorithm.SamplerPlugin} that names it (the
 * {@link java.util.ServiceLoader} convention). Put the jar on sampler-service's class path or in
 * its plug-in folder ({@code hyperstream.sampler.plugins-dir}); the service lists the samplers it
 * loaded at start-up. The sampler it creates follows the {@link Sampler} contract: deterministic
 * for a given seed, values inside their distributions, called by one thread at a time.
 */
public interface SamplerPlugin {

    /** The type name a spec uses: lower-case letters, digits and underscores, not a built-in name. */
    String name();

    /**
     * A new sampler for one study. Throw {@link IllegalArgumentException} naming the option and
     * the value when an option is wrong: the study is then rejected with that message.
     */
    Sampler create(Map<String, Object> options, long seed);
}

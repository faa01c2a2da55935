package io.hyperstream.sampler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Settings of the sampler service ({@code hyperstream.sampler.*}). */
@ConfigMapping(prefix = "hyperstream.sampler")
public interface SamplerConfig {

    /** Objective kinds some trainer can run; a study whose objective.kind is not listed is rejected. */
    @WithDefault("synthetic,mlp-classifier")
    List<String> trainerKinds();

    /** Pruner types the pruner service implements; a study whose pruner.type is not listed is rejected. */
    @WithDefault("none,nop,median,percentile")
    List<String> prunerTypes();

    /** A folder whose jars hold sampler plug-ins (see SamplerPlugin); none by default. */
    Optional<Path> pluginsDir();

    /** How often running studies are checked for a passed budget.timeout (so that idle studies complete). */
    @WithDefault("1s")
    Duration timeoutCheckInterval();
}

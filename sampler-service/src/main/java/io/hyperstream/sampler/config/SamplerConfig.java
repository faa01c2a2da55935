package io.hyperstream.sampler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Settings of the sampler service ({@code hyperstream.sampler.*}). */
@ConfigMapping(prefix = "hyperstream.sampler")
public interface SamplerConfig {

    /** Objective kinds some trainer can run; a study whose objective.kind is not listed is rejected. */
    @WithDefault("synthetic,mlp-classifier")
    List<String> trainerKinds();

    /** Pruner types the pruner service implements; a study whose pruner.type is not listed is rejected. */
    @WithDefault("none,nop,median,percentile")
    List<String> prunerTypes();

    /** How often running studies are checked for a passed budget.timeout (so that idle studies complete). */
    @WithDefault("1s")
    Duration timeoutCheckInterval();
}

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
    @WithDefault("none,nop,median,percentile,patient,threshold,wilcoxon,sha,hyperband")
    List<String> prunerTypes();

    /** A folder whose jars hold sampler plug-ins (see SamplerPlugin); none by default. */
    Optional<Path> pluginsDir();

    /** How often running studies are checked for a passed budget.timeout (so that idle studies complete). */
    @WithDefault("1s")
    Duration timeoutCheckInterval();

    /** The consumer group every sampler instance joins; its members share the studies by partition. */
    @WithDefault("sampler-service")
    String group();

    /** The longest one poll of the study-commands and trial-events topics waits for records. */
    @WithDefault("100ms")
    Duration pollTimeout();

    /** How long the group waits for a silent instance before its studies move to the others. */
    @WithDefault("10s")
    Duration sessionTimeout();

    /** The pause before the studies are rebuilt from the topics again after a failure (broker unreachable). */
    @WithDefault("1s")
    Duration retryBackoff();

    /** How long reading the topics back may go without a record before it fails and is retried. */
    @WithDefault("60s")
    Duration logReadStall();

    /** The largest StudySubmitted message (UTF-8 bytes) accepted; a larger one is rejected with its size. */
    @WithDefault("262144")
    int maxSpecBytes();
}

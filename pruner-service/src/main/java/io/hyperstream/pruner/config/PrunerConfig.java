package io.hyperstream.pruner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the pruner service ({@code hyperstream.pruner.*}). */
@ConfigMapping(prefix = "hyperstream.pruner")
public interface PrunerConfig {

    /** Name written as {@code service} into the dead letters this service publishes. */
    @WithDefault("pruner-service")
    String serviceName();

    /** Kafka client id of the producer of verdicts and dead letters. */
    @WithDefault("pruner-service")
    String clientId();

    /** How long publishing one verdict or dead letter may take before it counts as failed. */
    @WithDefault("30s")
    Duration sendTimeout();

    /**
     * Consumer group of the trial-events reader; its committed offsets mark the reports already
     * answered (instances of one group share the partitions).
     */
    @WithDefault("pruner-service-trial-events")
    String group();

    /** The longest one poll of a topic waits for records. */
    @WithDefault("100ms")
    Duration pollTimeout();

    /** How many of the latest verdicts the latency figures cover. */
    @WithDefault("10000")
    int latencyWindow();

    /**
     * How many studies to keep trial events of before their StudyAccepted is read (the oldest
     * is forgotten first); the two topics are read by separate consumers.
     */
    @WithDefault("1000")
    int maxEarlyStudies();
}

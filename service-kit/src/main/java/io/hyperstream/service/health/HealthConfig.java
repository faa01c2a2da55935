package io.hyperstream.service.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the readiness checks every service shares ({@code hyperstream.health.*}). */
@ConfigMapping(prefix = "hyperstream.health")
public interface HealthConfig {

    /** How long the broker check waits for the Kafka cluster's answer before it reports DOWN. */
    @WithDefault("2s")
    Duration brokerTimeout();

    /** How long a broker check's result is reused, so that frequent probes do not each ask the cluster. */
    @WithDefault("5s")
    Duration brokerCacheFor();
}

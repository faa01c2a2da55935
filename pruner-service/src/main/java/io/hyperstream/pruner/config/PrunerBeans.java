package io.hyperstream.pruner.config;

import io.hyperstream.pruner.service.PruningService;
import io.hyperstream.pruner.service.VerdictLatency;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Makes the framework-free service classes injectable, configured from {@link PrunerConfig}. */
public class PrunerBeans {

    @Produces
    @Singleton
    PruningService pruningService(PrunerConfig config) {
        if (config.maxEarlyStudies() < 0) {
            throw new IllegalArgumentException("hyperstream.pruner.max-early-studies must be >= 0, but got "
                    + config.maxEarlyStudies());
        }
        return new PruningService(Clock.systemUTC(), config.maxEarlyStudies());
    }

    @Produces
    @Singleton
    VerdictLatency verdictLatency(PrunerConfig config) {
        if (config.latencyWindow() < 1) {
            throw new IllegalArgumentException("hyperstream.pruner.latency-window must be >= 1, but got "
                    + config.latencyWindow());
        }
        return new VerdictLatency(config.latencyWindow());
    }
}

package io.hyperstream.pruner.config;

import io.hyperstream.pruner.service.PruningService;
import io.hyperstream.pruner.service.VerdictLatency;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the framework-free service classes injectable. */
public class PrunerBeans {

    @Produces
    @Singleton
    PruningService pruningService() {
        return new PruningService();
    }

    @Produces
    @Singleton
    VerdictLatency verdictLatency() {
        return new VerdictLatency();
    }
}

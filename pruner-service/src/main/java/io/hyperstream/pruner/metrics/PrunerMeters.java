package io.hyperstream.pruner.metrics;

import io.hyperstream.pruner.service.PruningService;
import io.hyperstream.pruner.service.VerdictLatency;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The pruner's domain metrics: verdicts by decision, the verdict latency percentiles that
 * {@link VerdictLatency} keeps over its latest verdicts, and the studies followed. No label names
 * a study.
 */
@Singleton
public class PrunerMeters {

    private final MeterRegistry registry;
    private final Counter pruned;
    private final Counter kept;

    public PrunerMeters(MeterRegistry registry) {
        this.registry = registry;
        this.pruned = verdicts("prune");
        this.kept = verdicts("continue");
    }

    /** Counts one published verdict. */
    public void verdict(boolean prune) {
        (prune ? pruned : kept).increment();
    }

    void register(@Observes StartupEvent event, VerdictLatency latency, PruningService pruning) {
        for (double quantile : new double[] {0.5, 0.99}) {
            Gauge.builder("hyperstream.pruner.verdict.latency", latency,
                            l -> l.percentileMillis(quantile * 100) / 1000)
                    .description("Time from an epoch report to its verdict's publication, over the latest verdicts"
                            + " (hyperstream.pruner.latency-window)")
                    .baseUnit("seconds")
                    .tag("quantile", Double.toString(quantile))
                    .register(registry);
        }
        Gauge.builder("hyperstream.pruner.studies.tracked", pruning, p -> p.studies().size())
                .description("Accepted studies the pruner holds state for").register(registry);
        Gauge.builder("hyperstream.pruner.studies.early", pruning, PruningService::earlyStudyCount)
                .description("Studies with trial events but no StudyAccepted read yet").register(registry);
    }

    private Counter verdicts(String decision) {
        return Counter.builder("hyperstream.pruner.verdicts")
                .description("Prune verdicts published, by decision")
                .tag("decision", decision)
                .register(registry);
    }
}

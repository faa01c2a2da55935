package io.hyperstream.trainer.metrics;

import io.hyperstream.trainer.messaging.QueueDepth;
import io.hyperstream.trainer.messaging.TrialQueue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The gauges of the trials this trainer runs now, read from its work queue at each scrape, and of
 * the work queue's depth, read from the broker (see {@link QueueDepth}). They hold their sources
 * strongly: a gauge keeps only a weak reference by default, and what is injected here may be a
 * client proxy nothing else holds (the gauge then vanished from the scrape).
 */
@Singleton
public class TrainerGauges {

    void register(@Observes StartupEvent event, TrialQueue queue, QueueDepth depth, MeterRegistry registry) {
        Gauge.builder("hyperstream.trainer.trials.running", queue, q -> q.status().running() ? 1 : 0)
                .description("Trials this trainer runs now")
                .strongReference(true)
                .register(registry);
        Gauge.builder("hyperstream.trainer.queue.depth", depth, QueueDepth::depth)
                .description("Trials in the trainers' work queue not yet acknowledged (waiting or running), "
                        + "as the broker reports the share group's lag; the same for every trainer of the group")
                .strongReference(true)
                .register(registry);
    }
}

package io.hyperstream.trainer.metrics;

import io.hyperstream.trainer.messaging.TrialQueue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The gauge of the trials this trainer runs now, read from its work queue at each scrape. It
 * holds the queue strongly: a gauge keeps only a weak reference by default, and
 * what is injected here may be a client proxy nothing else holds (the gauge then vanished from
 * the scrape).
 */
@Singleton
public class TrainerGauges {

    void register(@Observes StartupEvent event, TrialQueue queue, MeterRegistry registry) {
        Gauge.builder("hyperstream.trainer.trials.running", queue, q -> q.status().running() ? 1 : 0)
                .description("Trials this trainer runs now")
                .strongReference(true)
                .register(registry);
    }
}

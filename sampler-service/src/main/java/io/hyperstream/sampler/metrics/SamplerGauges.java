package io.hyperstream.sampler.metrics;

import io.hyperstream.sampler.service.StudyScheduler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** The gauge of the studies this instance runs, read from the scheduler at each scrape. */
@Singleton
public class SamplerGauges {

    void register(@Observes StartupEvent event, StudyScheduler scheduler, MeterRegistry registry) {
        Gauge.builder("hyperstream.sampler.studies.active", scheduler, StudyScheduler::runningStudies)
                .description("Studies this sampler instance runs now")
                .register(registry);
    }
}

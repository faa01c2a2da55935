package io.hyperstream.results.metrics;

import io.hyperstream.model.event.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/** Counts the events results-service has stored, by event type (never by study). */
@Singleton
public class ResultsMeters {

    private final MeterRegistry registry;

    public ResultsMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts one event once it is stored. */
    public void ingested(Object event) {
        String type = event instanceof Event e ? e.type() : event.getClass().getSimpleName();
        Counter.builder("hyperstream.results.events.ingested")
                .description("Events stored, by type")
                .tag("type", type)
                .register(registry)
                .increment();
    }
}

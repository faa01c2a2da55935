package io.hyperstream.sampler.service;

import io.hyperstream.sampler.config.SamplerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Checks studies for a passed budget.timeout at a fixed interval, so that a study whose trials
 * have all finished (and so sends no more events) still completes on time.
 */
@ApplicationScoped
public class TimeoutWatch {

    private static final Logger LOG = Logger.getLogger(TimeoutWatch.class);

    private final StudyScheduler scheduler;
    private final SamplerConfig config;
    private ScheduledExecutorService executor;

    public TimeoutWatch(StudyScheduler scheduler, SamplerConfig config) {
        this.scheduler = scheduler;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        long millis = Math.max(1, config.timeoutCheckInterval().toMillis());
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "sampler-timeout-watch");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            scheduler.checkTimeouts();
        } catch (RuntimeException e) {
            // An exception would cancel the periodic task; the next check retries instead.
            LOG.error("checking study timeouts failed", e);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}

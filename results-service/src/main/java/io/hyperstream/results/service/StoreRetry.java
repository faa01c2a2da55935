package io.hyperstream.results.service;

import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.hyperstream.results.config.ResultsConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Runs a store again, with growing pauses, for as long as MongoDB is unreachable, so that an
 * outage delays ingestion instead of losing or dead-lettering events. Other errors are thrown
 * at once.
 */
@Singleton
public class StoreRetry {

    private static final Logger LOG = Logger.getLogger(StoreRetry.class);

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final MeterRegistry registry;
    private final Counter retries;

    @Inject
    public StoreRetry(ResultsConfig config, MeterRegistry registry) {
        this(config.retryBackoff(), config.retryMaxBackoff(), registry);
    }

    StoreRetry(Duration initialBackoff, Duration maxBackoff) {
        this(initialBackoff, maxBackoff, new SimpleMeterRegistry());
    }

    StoreRetry(Duration initialBackoff, Duration maxBackoff, MeterRegistry registry) {
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.registry = registry;
        this.retries = Counter.builder("hyperstream.results.store.retries")
                .description("Store calls run again because MongoDB was unreachable").register(registry);
    }

    /**
     * Runs the store until it succeeds or fails for a reason other than an unreachable store.
     *
     * @param what names what is stored, for the log
     * @throws StoreInterruptedException when the thread is interrupted (the service is stopping)
     */
    public void run(String what, Runnable store) {
        long backoff = initialBackoff.toMillis();
        while (true) {
            Timer.Sample attempt = Timer.start(registry);
            try {
                store.run();
                attempt.stop(writeTimer("stored"));
                return;
            } catch (MongoInterruptedException e) {
                throw new StoreInterruptedException(what, e);
            } catch (MongoException e) {
                if (!isTransient(e)) {
                    attempt.stop(writeTimer("refused"));
                    throw e;
                }
                attempt.stop(writeTimer("unavailable"));
                retries.increment();
                LOG.warnf("%s: MongoDB is unavailable (%s); trying again in %d ms", what, e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new StoreInterruptedException(what, interrupted);
                }
                backoff = Math.min(backoff * 2, maxBackoff.toMillis());
            }
        }
    }

    private Timer writeTimer(String outcome) {
        return Timer.builder("hyperstream.results.store.write")
                .description("Time of one store call (an event, a batch or a dead letter), by outcome")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /** Whether the error says the store could not be reached rather than that the write was wrong. */
    static boolean isTransient(MongoException e) {
        return e instanceof MongoSocketException
                || e instanceof MongoTimeoutException
                || e instanceof MongoNotPrimaryException
                || e instanceof MongoNodeIsRecoveringException
                || e.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                || e.hasErrorLabel("RetryableWriteError");
    }

    /** A store given up because the service is stopping; the event stays unacknowledged and is read again. */
    public static class StoreInterruptedException extends RuntimeException {
        public StoreInterruptedException(String what, Throwable cause) {
            super(what + ": interrupted while waiting for MongoDB", cause);
        }
    }
}

package io.hyperstream.service.health;

import io.hyperstream.service.kafka.KafkaClientProperties;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: DOWN, with the reason, while the Kafka broker cannot be reached with the service's
 * settings. A result is reused for {@code hyperstream.health.broker-cache-for}, and one probe
 * waits at most {@code hyperstream.health.broker-timeout}, so that a probe never hangs on an
 * unreachable broker.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    /** The name of the check in /q/health. */
    public static final String NAME = "kafka-broker";

    private final BrokerProbe probe;
    private final String bootstrapServers;
    private final Duration cacheFor;
    private final Clock clock;
    private BrokerProbe.Result last;
    private Instant lastAt;

    @Inject
    public BrokerReadiness(KafkaClientProperties kafka, HealthConfig config) {
        this(new BrokerProbe(kafka.admin("readiness-" + NAME), config.brokerTimeout()), kafka.bootstrapServers(),
                config.brokerCacheFor(), Clock.systemUTC());
    }

    BrokerReadiness(BrokerProbe probe, String bootstrapServers, Duration cacheFor, Clock clock) {
        this.probe = probe;
        this.bootstrapServers = bootstrapServers;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        BrokerProbe.Result result;
        Instant checkedAt;
        synchronized (this) {
            Instant now = clock.instant();
            if (last == null || !now.isBefore(lastAt.plus(cacheFor))) {
                last = probe.probe();
                lastAt = now;
            }
            result = last;
            checkedAt = lastAt;
        }
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(result.reachable())
                .withData("bootstrap.servers", bootstrapServers)
                .withData("checkedAt", checkedAt.toString());
        return (result.reachable() ? response.withData("cluster", result.detail())
                : response.withData("reason", result.detail())).build();
    }

    @PreDestroy
    void close() {
        probe.close();
    }
}

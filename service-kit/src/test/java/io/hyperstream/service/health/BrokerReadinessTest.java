package io.hyperstream.service.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.hyperstream.service.kafka.KafkaClientProperties;
import io.hyperstream.testsupport.TestInfrastructure;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class BrokerReadinessTest {

    @Test
    void anUnreachableBrokerIsDownWithTheReason() throws IOException {
        String address = "127.0.0.1:" + closedPort();
        try (BrokerProbe probe = probe(address)) {
            HealthCheckResponse response = new BrokerReadiness(probe, address, Duration.ofSeconds(5),
                    Clock.systemUTC()).call();

            assertThat(response.getName()).isEqualTo("kafka-broker");
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(response.getData()).get().satisfies(data -> {
                assertThat(data).containsEntry("bootstrap.servers", address);
                assertThat(data.get("reason").toString())
                        .startsWith("cannot reach the Kafka cluster at " + address + " within 500 ms: ")
                        .contains("Timed out");
            });
        }
    }

    @Test
    void aReachableBrokerIsUpWithItsNodes() {
        String address = TestInfrastructure.shared().bootstrapServers();
        try (BrokerProbe probe = probe(address)) {
            HealthCheckResponse response = new BrokerReadiness(probe, address, Duration.ofSeconds(5),
                    Clock.systemUTC()).call();

            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(response.getData().get().get("cluster").toString()).startsWith("cluster ")
                    .contains("nodes " + address);
        }
    }

    @Test
    void aResultIsReusedForTheCachePeriodThenCheckedAgain() throws IOException {
        String address = "127.0.0.1:" + closedPort();
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (BrokerProbe probe = probe(address)) {
            BrokerReadiness readiness = new BrokerReadiness(probe, address, Duration.ofSeconds(5), clock);

            Object first = readiness.call().getData().get().get("checkedAt");
            clock.now = clock.now.plusSeconds(4);
            Object cached = readiness.call().getData().get().get("checkedAt");
            clock.now = clock.now.plusSeconds(1);
            Object fresh = readiness.call().getData().get().get("checkedAt");

            assertThat(first).isEqualTo("2026-01-01T00:00:00Z");
            assertThat(cached).isEqualTo(first);
            assertThat(fresh).isEqualTo("2026-01-01T00:00:05Z");
        }
    }

    private static BrokerProbe probe(String address) {
        return new BrokerProbe(KafkaClientProperties.bootstrap(address).admin("readiness-test"), Duration.ofMillis(500));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

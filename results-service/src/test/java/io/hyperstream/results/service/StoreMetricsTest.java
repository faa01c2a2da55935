package io.hyperstream.results.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class StoreMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StoreRetry retry = new StoreRetry(Duration.ofMillis(1), Duration.ofMillis(2), registry);

    @Test
    void eachStoreCallIsTimedByOutcomeAndEachRetryCounted() {
        AtomicInteger tries = new AtomicInteger();
        retry.run("test", () -> {
            if (tries.incrementAndGet() < 3) {
                throw new MongoSocketOpenException("connection refused", new ServerAddress());
            }
        });
        MongoWriteException refused = new MongoWriteException(
                new WriteError(2, "bad update", new BsonDocument()), new ServerAddress(), Set.of());
        assertThatThrownBy(() -> retry.run("test", () -> {
            throw refused;
        })).isSameAs(refused);

        assertThat(registry.get("hyperstream.results.store.retries").counter().count()).isEqualTo(2);
        assertThat(registry.get("hyperstream.results.store.write").tag("outcome", "unavailable").timer().count())
                .isEqualTo(2);
        assertThat(registry.get("hyperstream.results.store.write").tag("outcome", "stored").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("hyperstream.results.store.write").tag("outcome", "refused").timer().count())
                .isEqualTo(1);
    }
}

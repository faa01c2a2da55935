package io.hyperstream.results.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class StoreRetryTest {

    private final StoreRetry retry = new StoreRetry(Duration.ofMillis(1), Duration.ofMillis(4));

    @Test
    void anUnreachableStoreIsTriedAgainUntilItAnswers() {
        AtomicInteger tries = new AtomicInteger();
        retry.run("test", () -> {
            int n = tries.incrementAndGet();
            if (n == 1) {
                throw new MongoSocketOpenException("connection refused", new ServerAddress());
            }
            if (n < 5) {
                throw new MongoTimeoutException("no server selected");
            }
        });
        assertThat(tries).hasValue(5);
    }

    @Test
    void aRefusedWriteIsNotRetried() {
        AtomicInteger tries = new AtomicInteger();
        MongoWriteException refused = new MongoWriteException(
                new WriteError(2, "bad update", new BsonDocument()), new ServerAddress(), java.util.Set.of());
        assertThatThrownBy(() -> retry.run("test", () -> {
            tries.incrementAndGet();
            throw refused;
        })).isSameAs(refused);
        assertThat(tries).hasValue(1);
    }

    @Test
    void anInterruptedRetryGivesUp() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> retry.run("test", () -> {
                throw new MongoTimeoutException("no server selected");
            })).isInstanceOf(StoreRetry.StoreInterruptedException.class);
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
    }
}

package io.hyperstream.trainer.service;

import io.hyperstream.model.event.PruneVerdict;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where running trials wait for the prune verdict of an epoch. Every verdict of every trial is
 * offered here; only those some trial of this trainer waits for are used, the rest ignored. A
 * trial registers its wait before it publishes the epoch, so a fast verdict is never missed.
 */
public final class VerdictBoard {

    private record Key(String studyId, int trialNumber, int epoch) {
    }

    private final ConcurrentMap<Key, CompletableFuture<PruneVerdict>> waiting = new ConcurrentHashMap<>();

    /** Registers a wait for the verdict of one epoch of one trial. */
    public PendingVerdict expect(String studyId, int trialNumber, int epoch) {
        Key key = new Key(studyId, trialNumber, epoch);
        CompletableFuture<PruneVerdict> future = new CompletableFuture<>();
        waiting.put(key, future);
        return new PendingVerdict(key, future);
    }

    /** Hands a verdict to the trial waiting for it; returns whether one was. */
    public boolean offer(PruneVerdict verdict) {
        CompletableFuture<PruneVerdict> future =
                waiting.remove(new Key(verdict.studyId(), verdict.trialNumber(), verdict.epoch()));
        return future != null && future.complete(verdict);
    }

    /** How many verdicts are awaited. */
    public int waitingCount() {
        return waiting.size();
    }

    /** One awaited verdict. */
    public final class PendingVerdict {

        private final Key key;
        private final CompletableFuture<PruneVerdict> future;

        private PendingVerdict(Key key, CompletableFuture<PruneVerdict> future) {
            this.key = key;
            this.future = future;
        }

        /** The verdict, or empty if none came within the timeout. Stops waiting either way. */
        public Optional<PruneVerdict> await(Duration timeout) throws InterruptedException {
            try {
                return Optional.of(future.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                return Optional.empty();
            } catch (ExecutionException e) {
                throw new IllegalStateException("verdict wait failed", e.getCause());
            } finally {
                cancel();
            }
        }

        /** Stops waiting (a late verdict is then ignored). */
        public void cancel() {
            waiting.remove(key, future);
        }
    }
}

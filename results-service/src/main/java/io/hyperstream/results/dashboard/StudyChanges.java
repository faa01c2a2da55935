package io.hyperstream.results.dashboard;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Where stored writes meet their watchers: the plot cache hears of every write at once, and
 * live-update streams get one {@link LiveUpdate} per changed study and live interval, however
 * many events were stored in it (a study of many trainers writes hundreds of times a second).
 */
@Singleton
public class StudyChanges {

    private static final Logger LOG = Logger.getLogger(StudyChanges.class);
    /** Subscribers to every study's changes. */
    private static final String ALL = "";

    /** Writes of one study since the last flush. */
    private record Pending(int trialWrites, boolean studyWritten) {
        Pending plus(Pending other) {
            return new Pending(trialWrites + other.trialWrites, studyWritten || other.studyWritten);
        }
    }

    private final List<Consumer<StoreWrites.Touch>> writeListeners = new CopyOnWriteArrayList<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Set<MultiEmitter<? super LiveUpdate>>> streams = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    public StudyChanges(DashboardConfig config) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dashboard-live-updates");
            t.setDaemon(true);
            return t;
        });
        long interval = Math.max(10, config.liveInterval().toMillis());
        long heartbeat = Math.max(100, config.heartbeat().toMillis());
        timer.scheduleWithFixedDelay(this::flush, interval, interval, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    }

    /** Registers a listener told of each write as soon as MongoDB acknowledged it. */
    void onWrite(Consumer<StoreWrites.Touch> listener) {
        writeListeners.add(listener);
    }

    /** A write to the studies or trials collection was acknowledged. */
    void written(StoreWrites.Touch touch) {
        for (Consumer<StoreWrites.Touch> listener : writeListeners) {
            listener.accept(touch);
        }
        if (!streams.isEmpty()) {
            pending.merge(touch.studyId() == null ? ALL : touch.studyId(),
                    new Pending(touch.trial() ? 1 : 0, !touch.trial()), Pending::plus);
        }
    }

    /** The live updates of one study, or of every study when {@code studyId} is null; starts with {@code open}. */
    public Multi<LiveUpdate> stream(String studyId) {
        String key = studyId == null ? ALL : studyId;
        return Multi.createFrom().emitter(emitter -> {
            streams.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(emitter);
            emitter.onTermination(() -> streams.computeIfPresent(key, (k, set) -> {
                set.remove(emitter);
                return set.isEmpty() ? null : set;
            }));
            emitter.emit(LiveUpdate.open(studyId));
        // A slow reader only needs the latest message: each one just says "read again".
        }, BackPressureStrategy.LATEST);
    }

    private void flush() {
        try {
            for (String studyId : new ArrayList<>(pending.keySet())) {
                Pending p = pending.remove(studyId);
                if (p == null) {
                    continue;
                }
                LiveUpdate update = LiveUpdate.change(studyId.equals(ALL) ? null : studyId, p.trialWrites(), p.studyWritten());
                if (studyId.equals(ALL)) {
                    // A write that named no study may concern any of them.
                    streams.values().forEach(set -> send(set, update));
                } else {
                    send(streams.get(studyId), update);
                    send(streams.get(ALL), update);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "live updates: a flush failed; the next one goes on");
        }
    }

    private void heartbeat() {
        LiveUpdate ping = LiveUpdate.ping();
        streams.values().forEach(set -> send(set, ping));
    }

    private static void send(Set<MultiEmitter<? super LiveUpdate>> emitters, LiveUpdate update) {
        if (emitters == null) {
            return;
        }
        for (MultiEmitter<? super LiveUpdate> emitter : emitters) {
            if (!emitter.isCancelled()) {
                emitter.emit(update);
            }
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        streams.values().forEach(set -> set.forEach(MultiEmitter::complete));
    }
}

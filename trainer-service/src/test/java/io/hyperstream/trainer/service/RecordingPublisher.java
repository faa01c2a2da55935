package io.hyperstream.trainer.service;

import io.hyperstream.model.event.TrialEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Keeps every published event; can react to each (playing the pruner) or refuse some. */
final class RecordingPublisher implements TrialEventPublisher {

    final List<TrialEvent> events = new CopyOnWriteArrayList<>();
    private volatile Consumer<TrialEvent> onPublish = e -> { };
    private volatile Class<? extends TrialEvent> refused;

    void onPublish(Consumer<TrialEvent> reaction) {
        this.onPublish = reaction;
    }

    void refuse(Class<? extends TrialEvent> type) {
        this.refused = type;
    }

    @Override
    public void publish(TrialEvent event) {
        if (refused != null && refused.isInstance(event)) {
            throw new PublishException("broker unavailable for " + event.type(), null);
        }
        events.add(event);
        onPublish.accept(event);
    }

    List<String> types() {
        return events.stream().map(TrialEvent::type).toList();
    }
}

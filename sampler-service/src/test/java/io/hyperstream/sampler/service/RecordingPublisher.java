package io.hyperstream.sampler.service;

import io.hyperstream.model.event.Event;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.TrialScheduled;
import java.util.ArrayList;
import java.util.List;

/** Keeps every published event in order, in memory. */
final class RecordingPublisher implements EventPublisher {

    final List<Event> events = new ArrayList<>();

    @Override
    public void publish(StudyEvent event) {
        events.add(event);
    }

    @Override
    public void publish(TrialScheduled trial) {
        events.add(trial);
    }

    <T extends Event> List<T> of(Class<T> type, String studyId) {
        return events.stream().filter(type::isInstance).map(type::cast)
                .filter(e -> e.studyId().equals(studyId)).toList();
    }

    List<TrialScheduled> trials(String studyId) {
        return of(TrialScheduled.class, studyId);
    }
}

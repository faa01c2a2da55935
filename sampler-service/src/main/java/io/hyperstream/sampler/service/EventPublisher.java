package io.hyperstream.sampler.service;

import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.TrialScheduled;

/**
 * Where the scheduler's events go. Each call returns once the event is stored by the broker (or
 * throws), so events of one study leave in the order they were published.
 */
public interface EventPublisher {

    /** Publishes a StudyAccepted, StudyRejected or StudyCompleted on the study-events topic (key: studyId). */
    void publish(StudyEvent event);

    /** Publishes a trial on the trials topic (key: studyId/trialNumber). */
    void publish(TrialScheduled trial);

    /**
     * Told, just before a trial is published, how long the study's sampler took to choose its
     * parameters (for metrics); ignores it by default.
     */
    default void sampled(String studyId, String samplerType, long nanos) {
    }
}

package io.hyperstream.sampler.metrics;

import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.sampler.service.EventPublisher;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

/** Counts what the scheduler publishes, once the broker has it, and times its samplers. */
@Decorator
@Priority(10)
public abstract class MeteredEventPublisher implements EventPublisher {

    private final EventPublisher delegate;
    private final SamplerMeters meters;

    @Inject
    MeteredEventPublisher(@Delegate EventPublisher delegate, SamplerMeters meters) {
        this.delegate = delegate;
        this.meters = meters;
    }

    @Override
    public void publish(StudyEvent event) {
        delegate.publish(event);
        meters.published(event);
    }

    @Override
    public void publish(TrialScheduled trial) {
        delegate.publish(trial);
        meters.scheduled(trial.studyId());
    }

    @Override
    public void sampled(String studyId, String samplerType, long nanos) {
        delegate.sampled(studyId, samplerType, nanos);
        meters.sampled(studyId, samplerType, nanos);
    }
}

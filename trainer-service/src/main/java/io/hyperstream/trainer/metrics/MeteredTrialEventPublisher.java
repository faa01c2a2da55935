package io.hyperstream.trainer.metrics;

import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.trainer.service.TrialEventPublisher;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

/** Counts the trial events a trainer publishes, once the broker has them. */
@Decorator
@Priority(10)
public abstract class MeteredTrialEventPublisher implements TrialEventPublisher {

    private final TrialEventPublisher delegate;
    private final TrainerMeters meters;

    @Inject
    MeteredTrialEventPublisher(@Delegate TrialEventPublisher delegate, TrainerMeters meters) {
        this.delegate = delegate;
        this.meters = meters;
    }

    @Override
    public void publish(TrialEvent event) {
        delegate.publish(event);
        meters.published(event);
    }
}

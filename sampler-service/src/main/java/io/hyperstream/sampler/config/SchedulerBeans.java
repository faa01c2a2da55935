package io.hyperstream.sampler.config;

import io.hyperstream.sampler.algorithm.SamplerRegistry;
import io.hyperstream.sampler.service.EventPublisher;
import io.hyperstream.sampler.service.SchedulerSettings;
import io.hyperstream.sampler.service.StudyScheduler;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;

/** Builds the plain-Java scheduler from configuration. */
@Singleton
public class SchedulerBeans {

    @Produces
    @Singleton
    StudyScheduler scheduler(EventPublisher publisher, SamplerConfig config) {
        // Seeds of studies submitted without one come from the OS entropy source; the chosen seed is
        // recorded in StudyAccepted. Kept below 2^31 so that it is easy to copy into a spec.
        SecureRandom entropy = new SecureRandom();
        return new StudyScheduler(publisher, SamplerRegistry.standard(),
                new SchedulerSettings(config.trainerKinds(), config.prunerTypes()),
                Clock.systemUTC(), () -> entropy.nextInt() & Integer.MAX_VALUE);
    }
}

package io.hyperstream.sampler.config;

import io.hyperstream.sampler.algorithm.SamplerPlugin;
import io.hyperstream.sampler.algorithm.SamplerPlugins;
import io.hyperstream.sampler.algorithm.SamplerRegistry;
import io.hyperstream.sampler.service.EventPublisher;
import io.hyperstream.sampler.service.SchedulerSettings;
import io.hyperstream.sampler.service.StudyScheduler;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/** Builds the plain-Java scheduler from configuration. */
@Singleton
public class SchedulerBeans {

    private static final Logger LOG = Logger.getLogger(SchedulerBeans.class);

    @Produces
    @Singleton
    StudyScheduler scheduler(EventPublisher publisher, SamplerConfig config) {
        // Seeds of studies submitted without one come from the OS entropy source; the chosen seed is
        // recorded in StudyAccepted. Kept below 2^31 so that it is easy to copy into a spec.
        SecureRandom entropy = new SecureRandom();
        List<SamplerPlugin> plugins = SamplerPlugins.load(Thread.currentThread().getContextClassLoader(),
                config.pluginsDir().orElse(null));
        SamplerRegistry registry = SamplerRegistry.withPlugins(plugins);
        for (SamplerPlugin plugin : plugins) {
            LOG.infof("sampler plug-in '%s' loaded (%s)", plugin.name(), plugin.getClass().getName());
        }
        LOG.infof("samplers: %s", registry.names());
        return new StudyScheduler(publisher, registry,
                new SchedulerSettings(config.trainerKinds(), config.prunerTypes()),
                Clock.systemUTC(), () -> entropy.nextInt() & Integer.MAX_VALUE);
    }
}

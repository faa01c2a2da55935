package io.hyperstream.sampler.config;

import io.hyperstream.sampler.algorithm.SamplerPlugin;
import io.hyperstream.sampler.algorithm.SamplerPlugins;
import io.hyperstream.sampler.algorithm.SamplerRegistry;
import io.hyperstream.sampler.messaging.DeadLetters;
import io.hyperstream.sampler.messaging.StudyInbox;
import io.hyperstream.sampler.messaging.StudyLog;
import io.hyperstream.sampler.service.EventPublisher;
import io.hyperstream.sampler.service.SchedulerSettings;
import io.hyperstream.sampler.service.StudyScheduler;
import io.hyperstream.service.TopicsConfig;
import io.hyperstream.service.kafka.KafkaClientProperties;
import io.hyperstream.service.metrics.KafkaClientMeters;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Builds the plain-Java scheduler, the log reader and the inbox from configuration. */
@Singleton
public class SchedulerBeans {

    private static final Logger LOG = Logger.getLogger(SchedulerBeans.class);

    @Produces
    @Singleton
    StudyLog studyLog(KafkaClientProperties kafka, TopicsConfig topics, SamplerConfig config) {
        return new StudyLog(kafka.common(), topics.names(), config.logReadStall(), config.maxSpecBytes());
    }

    @Produces
    @Singleton
    StudyScheduler scheduler(EventPublisher publisher, SamplerConfig config, StudyLog log) {
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
                Clock.systemUTC(), () -> entropy.nextInt() & Integer.MAX_VALUE, log);
    }

    @Produces
    @Singleton
    StudyInbox inbox(KafkaClientProperties kafka, TopicsConfig topics, SamplerConfig config, StudyScheduler scheduler,
                     StudyLog log, DeadLetters deadLetters, KafkaClientMeters meters) {
        return new StudyInbox(new StudyInbox.Settings(kafka.bootstrapServers(), config.group(),
                "sampler-" + hostName() + "-" + UUID.randomUUID().toString().substring(0, 8),
                config.pollTimeout(), config.sessionTimeout(), config.retryBackoff(), kafka.common(),
                config.maxSpecBytes()),
                topics.names(), scheduler, log, deadLetters, meters);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}

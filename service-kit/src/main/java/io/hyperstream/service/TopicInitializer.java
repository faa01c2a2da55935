package io.hyperstream.service;

import io.hyperstream.model.kafka.TopicSetup;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates Hyperstream's topics at start-up, before any messaging channel or Kafka client of the
 * service starts (channels start at priority {@code LIBRARY_BEFORE}), whichever service comes up
 * first.
 */
@ApplicationScoped
public class TopicInitializer {

    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);

    private final String bootstrapServers;
    private final TopicsConfig topics;

    public TopicInitializer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                            TopicsConfig topics) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        TopicSetup.ensureTopics(bootstrapServers, topics.names(), topics.replication());
        LOG.infof("topics ready on %s: %s", bootstrapServers, topics.names().all());
    }
}

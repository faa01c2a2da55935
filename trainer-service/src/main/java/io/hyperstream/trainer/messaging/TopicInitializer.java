package io.hyperstream.trainer.messaging;

import io.hyperstream.model.kafka.TopicSetup;
import io.hyperstream.trainer.config.TopicsConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

/**
 * Creates Hyperstream's topics at start-up, before the trainer reads or writes any
 * ({@link TrainerLifecycle} starts later), whichever service comes up first.
 */
@ApplicationScoped
public class TopicInitializer {

    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);

    private final KafkaClients clients;
    private final TopicsConfig topics;

    public TopicInitializer(KafkaClients clients, TopicsConfig topics) {
        this.clients = clients;
        this.topics = topics;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        TopicSetup.ensureTopics(clients.bootstrapServers(), topics.names(), topics.replication());
        LOG.infof("topics ready on %s: %s", clients.bootstrapServers(), topics.names().all());
    }
}

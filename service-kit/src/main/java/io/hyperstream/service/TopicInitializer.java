package io.hyperstream.service;

import io.hyperstream.model.kafka.TopicSetup;
import io.hyperstream.service.kafka.KafkaClientProperties;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.admin.Admin;
import org.jboss.logging.Logger;

/**
 * Creates Hyperstream's topics at start-up, before any messaging channel or Kafka client of the
 * service starts (channels start at priority {@code LIBRARY_BEFORE}), whichever service comes up
 * first. The admin client gets every {@code kafka.*} setting (security included).
 */
@ApplicationScoped
public class TopicInitializer {

    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);

    private final KafkaClientProperties kafka;
    private final TopicsConfig topics;

    public TopicInitializer(KafkaClientProperties kafka, TopicsConfig topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        try (Admin admin = Admin.create(kafka.admin("topic-initializer"))) {
            TopicSetup.ensureTopics(admin, topics.names().partitions(TopicSetup.TRIAL_PARTITIONS,
                    TopicSetup.OTHER_PARTITIONS), topics.replication());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
        LOG.infof("topics ready on %s: %s", kafka.bootstrapServers(), topics.names().all());
    }
}

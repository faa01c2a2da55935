package io.hyperstream.pruner.messaging;

import io.hyperstream.pruner.config.PrunerConfig;
import io.hyperstream.pruner.metrics.PrunerMeters;
import io.hyperstream.pruner.service.PruningService;
import io.hyperstream.pruner.service.VerdictLatency;
import io.hyperstream.service.TopicsConfig;
import io.hyperstream.service.kafka.KafkaClientProperties;
import io.hyperstream.service.metrics.KafkaClientMeters;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Starts the readers once the topics exist (they are created at an earlier start-up priority) and stops them on shutdown. */
@ApplicationScoped
public class ReaderLifecycle {

    private final StudyEventReader studies;
    private final TrialEventReader trials;

    public ReaderLifecycle(KafkaClientProperties kafka, TopicsConfig topics, PrunerConfig config, PruningService pruning,
                           KafkaPublisher publisher, VerdictLatency latency, PrunerMeters meters,
                           KafkaClientMeters kafkaMeters) {
        ReaderSettings settings = new ReaderSettings(kafka, topics.names(), config.group(), config.clientId(),
                config.serviceName(), config.pollTimeout());
        this.studies = new StudyEventReader(settings, pruning, publisher);
        this.trials = new TrialEventReader(settings, pruning, publisher, latency, studies, meters::verdict, kafkaMeters);
    }

    void onStart(@Observes StartupEvent event) {
        studies.start();
        trials.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        trials.close();
        studies.close();
    }

    /** The study-events reader. */
    public StudyEventReader studies() {
        return studies;
    }

    /** The trial-events reader. */
    public TrialEventReader trials() {
        return trials;
    }
}

package io.hyperstream.sampler.messaging;

import io.hyperstream.model.event.Event;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.sampler.algorithm.SamplerRegistry;
import io.hyperstream.sampler.service.EventPublisher;
import io.hyperstream.sampler.service.SchedulerSettings;
import io.hyperstream.sampler.service.StudyScheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * One sampler-service instance without Quarkus: scheduler, log reader and inbox wired as the
 * service wires them, on a real broker. Records the events it published.
 */
final class SamplerNode implements AutoCloseable {

    final String name;
    final List<Event> published = Collections.synchronizedList(new ArrayList<>());
    private final KafkaEventPublisher kafka;
    private final StudyInbox inbox;
    private final StudyScheduler scheduler;

    SamplerNode(String name, String bootstrapServers, TopicNames topics, String group) {
        this.name = name;
        this.kafka = new KafkaEventPublisher(bootstrapServers, topics);
        EventPublisher recording = new EventPublisher() {
            @Override
            public void publish(StudyEvent event) {
                kafka.publish(event);
                published.add(event);
            }

            @Override
            public void publish(TrialScheduled trial) {
                kafka.publish(trial);
                published.add(trial);
            }
        };
        StudyLog log = new StudyLog(bootstrapServers, topics, Duration.ofSeconds(30));
        scheduler = new StudyScheduler(recording, SamplerRegistry.standard(),
                new SchedulerSettings(List.of("synthetic"), List.of("none", "median")),
                Clock.systemUTC(), () -> 1234L, log);
        inbox = new StudyInbox(new StudyInbox.Settings(bootstrapServers, group, name, Duration.ofMillis(100),
                Duration.ofSeconds(6), Duration.ofMillis(500)), topics, scheduler, log, new DeadLetters(kafka));
    }

    SamplerNode start() {
        inbox.start();
        return this;
    }

    Set<Integer> partitions() {
        return inbox.ownedPartitions();
    }

    List<String> runningStudies() {
        return scheduler.runningStudyIds();
    }

    /** The studies this node accepted. */
    List<String> accepted() {
        synchronized (published) {
            return published.stream().filter(e -> e instanceof StudyAccepted)
                    .map(Event::studyId).toList();
        }
    }

    @Override
    public void close() {
        inbox.stop();
        kafka.close();
    }
}

package io.hyperstream.pruner.messaging;

import io.hyperstream.service.metrics.KafkaClientMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.hyperstream.service.kafka.KafkaClientProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hyperstream.local.LocalKafka;
import io.hyperstream.model.Json;
import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.PruneVerdict;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialPruned;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.model.kafka.JsonSerializer;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.model.spec.StudySpecReader;
import io.hyperstream.pruner.service.PruningService;
import io.hyperstream.pruner.service.VerdictLatency;
import io.hyperstream.testsupport.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pruner restarted in the middle of a study, on a real broker: the new instance rebuilds its
 * state from the trial-events log, answers only the reports the first one had not answered, and
 * gives each the verdict an uninterrupted pruner gives.
 */
class RestartReplayTest {

    private static final String STUDY = "restart-study";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private String bootstrap;
    private TopicNames topics;
    private String group;
    private KafkaProducer<String, Object> producer;
    private final List<AutoCloseable> running = new ArrayList<>();

    @BeforeEach
    void topics() {
        bootstrap = TestInfrastructure.shared().bootstrapServers();
        String prefix = "restart-" + UUID.randomUUID() + "-";
        topics = new TopicNames(prefix + "commands", prefix + "trials", prefix + "trial-events", prefix + "verdicts",
                prefix + "study-events", prefix + "dead-letters");
        LocalKafka.createTopics(bootstrap, topics);
        group = prefix + "pruner";
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new JsonSerializer());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : running) {
            c.close();
        }
        producer.close();
    }

    @Test
    void aRestartedPrunerRebuildsItsStateAndGivesTheSameVerdicts() throws Exception {
        StudySpec spec = StudySpecReader.read("""
                name: restart
                search_space: [{name: x, type: float, low: 0, high: 1}]
                pruner: {type: sha, options: {min_resource: 1, reduction_factor: 2, min_reports: 1}}
                objective: {kind: synthetic, max_epochs: 8}
                budget: {n_trials: 8}
                """);
        StudyAccepted accepted = new StudyAccepted(Events.newId(), STUDY, Events.now(), spec);
        // The verdicts an uninterrupted pruner gives, and the events of that study.
        List<TrialEvent> events = new ArrayList<>();
        List<String> expected = script(accepted, events);
        int half = events.size() / 2;
        long reportsInFirstHalf = events.subList(0, half).stream().filter(e -> e instanceof EpochReported).count();
        assertThat(expected).anyMatch(v -> v.contains("prune=true"));

        send(topics.studyEvents(), accepted);
        AutoCloseable first = startPruner();
        for (TrialEvent e : events.subList(0, half)) {
            send(topics.trialEvents(), e);
        }
        try (VerdictReader verdicts = new VerdictReader()) {
            await().atMost(WAIT).until(() -> verdicts.poll().size() >= reportsInFirstHalf);
            first.close();
            running.remove(first);

            startPruner();
            for (TrialEvent e : events.subList(half, events.size())) {
                send(topics.trialEvents(), e);
            }
            await().atMost(WAIT).until(() -> verdicts.poll().size() >= expected.size());
            Thread.sleep(1000);

            // Every report answered once, in order, as without the restart.
            assertThat(verdicts.poll()).containsExactlyElementsOf(expected);
        }
    }

    /** Runs the study through an in-memory pruner: 8 trials of up to 8 epochs, two at a time. */
    private static List<String> script(StudyAccepted accepted, List<TrialEvent> events) {
        PruningService pruning = new PruningService(Clock.systemUTC(), 10);
        pruning.onStudyEvent(accepted);
        List<String> verdicts = new ArrayList<>();
        Map<Integer, Integer> inFlight = new LinkedHashMap<>();
        int next = 0;
        while (next < 8 || !inFlight.isEmpty()) {
            while (inFlight.size() < 2 && next < 8) {
                events.add(new TrialStarted(Events.newId(), STUDY, next, Events.now(), "t", Map.of("x", 0.5)));
                inFlight.put(next++, 0);
            }
            for (int trial : List.copyOf(inFlight.keySet())) {
                int epoch = inFlight.get(trial) + 1;
                // Trials alternate between good and bad curves, with noise that reorders them now and then.
                double value = (trial % 2 == 0 ? 1 : 2) + 1.0 / epoch + 0.3 * Math.sin(trial * 7.0 + epoch);
                EpochReported report = new EpochReported(Events.newId(), STUDY, trial, Events.now(), "t", epoch,
                        List.of(value), Map.of());
                events.add(report);
                PruneVerdict verdict = pruning.onTrialEvent(report).orElseThrow();
                verdicts.add(describe(verdict));
                if (verdict.prune()) {
                    events.add(new TrialPruned(Events.newId(), STUDY, trial, Events.now(), "t", epoch, List.of(value)));
                    inFlight.remove(trial);
                } else if (epoch == 8) {
                    events.add(new TrialCompleted(Events.newId(), STUDY, trial, Events.now(), "t", List.of(value),
                            Map.of(), 8));
                    inFlight.remove(trial);
                } else {
                    inFlight.put(trial, epoch);
                }
            }
        }
        return verdicts;
    }

    private static String describe(PruneVerdict v) {
        return "trial " + v.trialNumber() + " epoch " + v.epoch() + " prune=" + v.prune() + ": " + v.reason();
    }

    private AutoCloseable startPruner() {
        ReaderSettings settings = new ReaderSettings(KafkaClientProperties.bootstrap(bootstrap), topics, group, "restart-test", "pruner-service",
                Duration.ofMillis(100));
        PruningService pruning = new PruningService(Clock.systemUTC(), 10);
        KafkaPublisher publisher = new KafkaPublisher(KafkaClientProperties.bootstrap(bootstrap), "restart-test", Duration.ofSeconds(10),
                topics.pruneVerdicts(), topics.deadLetters());
        StudyEventReader studies = new StudyEventReader(settings, pruning, publisher);
        TrialEventReader trials = new TrialEventReader(settings, pruning, publisher, new VerdictLatency(100), studies,
                prune -> { }, new KafkaClientMeters(new SimpleMeterRegistry()));
        studies.start();
        trials.start();
        AutoCloseable pruner = () -> {
            trials.close();
            studies.close();
            publisher.close();
        };
        running.add(pruner);
        return pruner;
    }

    private void send(String topic, Object event) throws Exception {
        producer.send(new ProducerRecord<>(topic, STUDY, event)).get();
    }

    /** Reads the verdicts topic from its beginning. */
    private final class VerdictReader implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        private final List<String> seen = new ArrayList<>();

        VerdictReader() {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.pruneVerdicts()).stream()
                    .map(p -> new TopicPartition(topics.pruneVerdicts(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        List<String> poll() {
            consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                PruneVerdict v = Json.read(r.value(), PruneVerdict.class);
                seen.add(describe(v));
            });
            return List.copyOf(seen);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}

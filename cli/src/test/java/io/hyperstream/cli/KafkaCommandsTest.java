package io.hyperstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.hyperstream.cli.study.StudyFollower;
import io.hyperstream.cli.study.StudyProgress;
import io.hyperstream.local.LocalKafka;
import io.hyperstream.model.Json;
import io.hyperstream.model.StudyState;
import io.hyperstream.model.event.Event;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudyCommand;
import io.hyperstream.model.event.StudyCompleted;
import io.hyperstream.model.event.StudyRejected;
import io.hyperstream.model.event.StudySubmitted;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.model.kafka.JsonSerializer;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.model.spec.StudySpecReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hpo against a real Kafka broker: following a study's events, submitting, and a whole
 * {@code hpo run --bootstrap} against scripted stand-ins for the sampler, the trainers and the
 * results API (the real services are exercised by the system tests).
 */
class KafkaCommandsTest {

    private static final TopicNames TOPICS = TopicNames.defaults();
    private static final String SPEC = """
            name: %s
            direction: minimize
            search_space:
              - {name: x, type: float, low: 0, high: 1}
            objective: {kind: synthetic, settings: {function: sphere}, metric: value, max_epochs: 2}
            budget: {n_trials: 3, parallelism: 2}
            """;

    private static LocalKafka kafka;
    private static KafkaProducer<String, Object> producer;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        kafka = LocalKafka.start(0, null);
        kafka.createTopics(TOPICS);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new JsonSerializer());
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        kafka.close();
    }

    private static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void send(String topic, String key, Object value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static StudySpec spec(String name) {
        return StudySpecReader.read(SPEC.formatted(name));
    }

    @Test
    void followsOnlyThisRunOfTheStudyAndSkipsUnreadableMessages() throws Exception {
        String id = uniqueId("follow");
        // A study of the same id that ended before we started following must not count.
        send(TOPICS.studyEvents(), id, new StudyCompleted(Events.newId(), id, Events.now(), "old run", 99));

        try (StudyFollower follower = StudyFollower.open(kafka.bootstrapServers(), TOPICS, id, spec("f"))) {
            send(TOPICS.studyEvents(), id, new StudyAccepted(Events.newId(), id, Events.now(), spec("f")));
            send(TOPICS.trialEvents(), id, "{not json");
            send(TOPICS.trialEvents(), uniqueId("other"), trialCompleted(uniqueId("other"), 0, -100.0));
            for (int trial = 0; trial < 3; trial++) {
                send(TOPICS.trialEvents(), id, new TrialStarted(Events.newId(), id, trial, Events.now(), "t-1",
                        Map.of("x", trial / 10.0)));
            }
            send(TOPICS.trialEvents(), id, trialCompleted(id, 0, 3.0));
            send(TOPICS.trialEvents(), id, trialCompleted(id, 1, 1.0));
            send(TOPICS.studyEvents(), id, new StudyCompleted(Events.newId(), id, Events.now(), "budget reached", 3));
            // The last trial's end arrives after the completion was read: the follower waits for it.
            Thread late = new Thread(() -> {
                sleep(1000);
                send(TOPICS.trialEvents(), id, trialCompleted(id, 2, 2.0));
            });
            late.start();

            StudyProgress progress = follower.follow(p -> { });
            late.join();

            assertThat(progress.state()).isEqualTo(StudyState.COMPLETE);
            assertThat(progress.announcedFinishedTrials()).isEqualTo(3);
            assertThat(progress.reason()).isEqualTo("budget reached");
            assertThat(progress.finished()).isEqualTo(3);
            assertThat(progress.best()).hasValueSatisfying(b -> {
                assertThat(b.number()).isEqualTo(1);
                assertThat(b.params()).containsEntry("x", 0.1);
            });
            assertThat(progress.ignoredMessages()).isEqualTo(1);
        }
    }

    @Test
    void submitPublishesTheStudyKeyedByItsId() throws Exception {
        Path file = Files.writeString(dir.resolve("s.yaml"), SPEC.formatted("sub"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Hpo.execute(new PrintWriter(out), new PrintWriter(err),
                "submit", file.toString(), "--bootstrap", kafka.bootstrapServers());

        assertThat(code).as(err.toString()).isZero();
        String id = out.toString().trim();
        assertThat(id).matches("sub-[a-z0-9]{6}");
        StudySubmitted submitted = readCommand(id).orElseThrow();
        assertThat(submitted.studyId()).isEqualTo(id);
        assertThat(submitted.spec()).isEqualTo(spec("sub"));
    }

    @Test
    void runWithABrokerFollowsTheStudyAndPrintsTheSummary() throws Exception {
        String id = uniqueId("run");
        Path file = Files.writeString(dir.resolve("s.yaml"), SPEC.formatted("run"));
        try (ScriptedSystem system = new ScriptedSystem()) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();

            int code = Hpo.execute(new PrintWriter(out), new PrintWriter(err), "run", file.toString(),
                    "--bootstrap", kafka.bootstrapServers(), "--api", system.apiUrl(), "--study-id", id);

            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString())
                    .contains("Submitted study " + id + " (3 trials, 2 at a time) to " + kafka.bootstrapServers())
                    .contains("trials 3/3 finished (pruned 0, failed 0), running 0, best 0.0000 (trial 0)")
                    .contains("Study " + id + " complete: budget reached")
                    .contains("best trial   0")
                    .contains("value        0.0000")
                    .contains("params       x=0.5000")
                    .contains("trials       3 finished: 3 complete, 0 pruned, 0 failed")
                    .contains("results      " + system.apiUrl() + "/api/studies/" + id);
            assertThat(err.toString()).isEmpty();
        }
    }

    @Test
    void aRejectedStudyExits2WithTheReason() throws Exception {
        String id = uniqueId("rejected");
        Path file = Files.writeString(dir.resolve("s.yaml"), SPEC.formatted("reject-me"));
        try (ScriptedSystem system = new ScriptedSystem()) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();

            int code = Hpo.execute(new PrintWriter(out), new PrintWriter(err), "run", file.toString(),
                    "--bootstrap", kafka.bootstrapServers(), "--api", system.apiUrl(), "--study-id", id);

            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).contains("Study " + id + " rejected: sampler.type: no sampler named 'magic'");
        }
    }

    private static TrialCompleted trialCompleted(String studyId, int trial, double value) {
        return new TrialCompleted(Events.newId(), studyId, trial, Events.now(), "t-1", List.of(value),
                Map.of("value", value), 2);
    }

    private static Optional<StudySubmitted> readCommand(String studyId) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(TOPICS.studyCommands())
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (studyId.equals(r.key())) {
                        return Optional.of((StudySubmitted) Json.read(r.value(), StudyCommand.class));
                    }
                }
                if (partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                    break;
                }
            }
            return Optional.empty();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stand-ins for the services: answers each submitted study as the sampler and trainers would
     * (rejects a study named reject-me; otherwise trial n completes with value n, at x=0.5), and
     * serves the results API's view of the studies it ran.
     */
    private static final class ScriptedSystem implements AutoCloseable {

        private final KafkaConsumer<String, String> commands;
        private final HttpServer api;
        private final Map<String, String> finished = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread worker;

        ScriptedSystem() throws IOException {
            commands = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            commands.partitionsFor(TOPICS.studyCommands())
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            commands.assign(partitions);
            commands.seekToEnd(partitions);
            partitions.forEach(commands::position);
            api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            api.createContext("/api/studies/", exchange -> {
                String studyId = exchange.getRequestURI().getPath().substring("/api/studies/".length());
                String body = finished.get(studyId);
                byte[] bytes = (body == null ? "{\"title\":\"Not Found\"}" : body).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            api.start();
            worker = new Thread(this::work, "scripted-system");
            worker.start();
        }

        String apiUrl() {
            return "http://127.0.0.1:" + api.getAddress().getPort();
        }

        private void work() {
            while (running.get()) {
                for (ConsumerRecord<String, String> r : commands.poll(Duration.ofMillis(100))) {
                    StudyCommand command = Json.read(r.value(), StudyCommand.class);
                    if (command instanceof StudySubmitted s) {
                        answer(s);
                    }
                }
            }
        }

        private void answer(StudySubmitted s) {
            String id = s.studyId();
            if (s.spec().name().equals("reject-me")) {
                publish(TOPICS.studyEvents(), new StudyRejected(Events.newId(), id, Events.now(),
                        "sampler.type: no sampler named 'magic'"));
                return;
            }
            publish(TOPICS.studyEvents(), new StudyAccepted(Events.newId(), id, Events.now(), s.spec()));
            int n = s.spec().budget().nTrials();
            for (int trial = 0; trial < n; trial++) {
                publish(TOPICS.trialEvents(), new TrialStarted(Events.newId(), id, trial, Events.now(), "t-1",
                        Map.of("x", 0.5)));
                publish(TOPICS.trialEvents(), trialCompleted(id, trial, trial));
            }
            publish(TOPICS.studyEvents(), new StudyCompleted(Events.newId(), id, Events.now(), "budget reached", n));
            finished.put(id, """
                    {"id":"%s","name":"%s","state":"COMPLETE","reason":"budget reached",
                     "counts":{"waiting":0,"running":0,"complete":%d,"pruned":0,"fail":0,"total":%d,"finished":%d},
                     "best":{"number":0,"values":[0.0],"params":{"x":0.5}},"finishedTrials":%d}
                    """.formatted(id, s.spec().name(), n, n, n, n));
        }

        private void publish(String topic, Event event) {
            send(topic, event.studyId(), event);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            worker.join(5000);
            commands.close();
            api.stop(0);
        }
    }
}

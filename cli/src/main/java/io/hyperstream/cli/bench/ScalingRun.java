package io.hyperstream.cli.bench;

import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import io.hyperstream.cli.stack.LocalStack;
import io.hyperstream.cli.study.StudySubmitter;
import io.hyperstream.model.Json;
import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.model.event.StudyCompleted;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.StudyRejected;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.model.spec.StudySpecReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One run of the scaling benchmark: the local stack with N trainer processes, a study of
 * fixed-cost trials (synthetic objective whose epochs sleep, random sampler, no pruning,
 * {@code parallelism} = N) submitted once every trainer has joined the work queue, and the
 * study's trial events read until it completes.
 */
final class ScalingRun {

    /** The share group the trainers join (trainer-service's default {@code hyperstream.trainer.group}). */
    static final String TRAINER_GROUP = "hpo-trainers";
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Path home;
    private final int trials;
    private final int epochs;
    private final int epochMs;
    private final PrintWriter out;

    ScalingRun(Path home, int trials, int epochs, int epochMs, PrintWriter out) {
        this.home = home;
        this.trials = trials;
        this.epochs = epochs;
        this.epochMs = epochMs;
        this.out = out;
    }

    /** The study every run submits, with {@code parallelism} = the number of trainers. */
    StudySpec spec(int trainers) {
        return StudySpecReader.read("""
                name: scaling-%d
                direction: minimize
                search_space:
                  - {name: x0, type: float, low: -5, high: 10}
                  - {name: x1, type: float, low: 0, high: 15}
                sampler: {type: random, seed: 1}
                pruner: {type: none}
                objective: {kind: synthetic, settings: {function: branin, epoch_delay_ms: %d}, metric: value, max_epochs: %d}
                budget: {n_trials: %d, parallelism: %d}
                """.formatted(trainers, epochMs, epochs, trials, trainers));
    }

    /** Starts the stack with {@code trainers} trainers, runs the study, stops the stack. */
    ScalingFigures measure(int trainers) {
        TopicNames topics = TopicNames.defaults();
        LocalStack stack = new LocalStack(new LocalStack.Config(home, trainers, null, LocalStack.PortChoice.ANY,
                LocalStack.READY_TIMEOUT, topics, out));
        Thread hook = new Thread(stack::close, "hpo-bench-scaling-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stack.start();
            awaitTrainers(stack.bootstrapServers(), trainers);
            return runStudy(stack, topics, trainers);
        } finally {
            stack.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook runs anyway.
            }
        }
    }

    private ScalingFigures runStudy(LocalStack stack, TopicNames topics, int trainers) {
        String studyId = "scaling-" + trainers + "-" + UUID.randomUUID().toString().substring(0, 6);
        double fixedS = (double) trials * epochs * epochMs / 1000 / trainers;
        Duration timeout = Duration.ofMillis((long) (fixedS * 3000) + 120_000);
        List<TrialEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = follow(stack.bootstrapServers(), topics)) {
            long submitted = System.nanoTime();
            StudySubmitter.submit(stack.bootstrapServers(), topics, studyId, spec(trainers));
            say(String.format(Locale.ROOT, "Study %s: %d trials on %d trainer(s), at best %.1f s...", studyId, trials,
                    trainers, fixedS));
            Set<Integer> ended = new HashSet<>();
            boolean completed = false;
            long deadline = submitted + timeout.toNanos();
            while (!(completed && ended.size() >= trials)) {
                if (System.nanoTime() > deadline) {
                    throw new CliException(ExitCodes.FAILURE, "study " + studyId + " did not complete within "
                            + timeout.toSeconds() + " s (" + ended.size() + " of " + trials + " trials ended); logs in "
                            + stack.logDir());
                }
                stack.deadService().ifPresent(dead -> {
                    throw new CliException(ExitCodes.FAILURE, dead);
                });
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    if (!studyId.equals(record.key()) || record.value() == null) {
                        continue;
                    }
                    try {
                        if (record.topic().equals(topics.trialEvents())) {
                            TrialEvent event = Json.read(record.value(), TrialEvent.class);
                            events.add(event);
                            if (event.isTerminal()) {
                                ended.add(event.trialNumber());
                            }
                        } else {
                            StudyEvent event = Json.read(record.value(), StudyEvent.class);
                            if (event instanceof StudyRejected rejected) {
                                throw new CliException(ExitCodes.FAILURE, "study " + studyId + " was rejected: "
                                        + rejected.reason());
                            }
                            completed |= event instanceof StudyCompleted;
                        }
                    } catch (MalformedMessageException e) {
                        // Not ours to judge: the services dead-letter what they cannot read.
                    }
                }
            }
            double wallS = (System.nanoTime() - submitted) / 1e9;
            return ScalingFigures.of(trainers, events, wallS);
        }
    }

    /** A reader of the study and trial events from their current end, so that it sees all of the coming study. */
    private static KafkaConsumer<String, String> follow(String bootstrapServers, TopicNames topics) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "hpo-bench-scaling"), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.studyEvents(), topics.trialEvents())) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.endOffsets(partitions).forEach(consumer::seek);
        return consumer;
    }

    /** Waits until every trainer has joined the work queue, so that none starts late into the timed study. */
    private void awaitTrainers(String bootstrapServers, int trainers) {
        long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
        int members = 0;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            while (System.nanoTime() < deadline) {
                try {
                    members = admin.describeShareGroups(List.of(TRAINER_GROUP)).describedGroups().get(TRAINER_GROUP)
                            .get(10, TimeUnit.SECONDS).members().size();
                } catch (ExecutionException | TimeoutException e) {
                    members = 0;
                }
                if (members >= trainers) {
                    return;
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "interrupted while waiting for the trainers", e);
        }
        throw new CliException(ExitCodes.FAILURE, members + " of " + trainers + " trainers joined share group "
                + TRAINER_GROUP + " within " + JOIN_TIMEOUT.toSeconds() + " s");
    }

    private void say(String message) {
        out.println(message);
        out.flush();
    }
}

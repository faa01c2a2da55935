package io.hyperstream.cli.chaos;

import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Duplicated and reordered events: in the middle of a study, the study's trial-events segment
 * so far is read back and written again in reverse order (every event a second time, ends
 * before starts, later epochs before earlier ones), as a producer retry storm or a replayed
 * mirror would. The sampler must not count a trial twice toward the budget, the store must keep
 * one outcome per trial. Recovery: from the replay to the next trial ended.
 */
public final class ReplayScenario implements Scenario {

    private static final int TRIALS = 12;

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String description() {
        return "the study's trial events so far are written again in reverse order while it runs";
    }

    @Override
    public ScenarioResult run(ChaosRun run) {
        String studyId = ChaosRun.studyId(name());
        Instant replayed;
        int count;
        try (TrialEventFollower follower = run.follow()) {
            run.submit(studyId, ChaosRun.spec(name(), TRIALS, 4, 250, 2));
            follower.await(e -> e.studyId().equals(studyId) && e.isTerminal() && e.trialNumber() >= 3,
                    Duration.ofSeconds(240)).orElseThrow(() -> new CliException(ExitCodes.FAILURE,
                    "trial 3 of study " + studyId + " did not end within 240 s"));
            List<ConsumerRecord<String, String>> segment = segment(run, studyId);
            Collections.reverse(segment);
            replayed = Instant.now();
            count = replay(run, segment);
        }
        run.say("wrote %d trial events of the study again, in reverse order", count);
        ScenarioResult partial = run.judge(name(), studyId, TRIALS, Duration.ofMinutes(8), null, new ArrayList<>(),
                Map.of());
        Double recoverS = EventLog.read(run.bootstrapServers(), run.topics(), Set.of(studyId)).stream()
                .filter(e -> e.isTerminal() && e.timestamp() != null && e.timestamp().isAfter(replayed))
                .map(e -> ChaosRun.seconds(replayed, e.timestamp())).min(Double::compare).orElse(null);
        return partial.with(recoverS, List.of(), Map.of("replayed_events", count));
    }

    /** The study's records on the trial-events topic so far, in log order. */
    private static List<ConsumerRecord<String, String>> segment(ChaosRun run, String studyId) {
        Map<String, Object> config = ChaosClients.config(run.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            String topic = run.topics().trialEvents();
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new CliException(ExitCodes.FAILURE, "could not read the trial events of " + studyId);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (studyId.equals(r.key()) && r.value() != null && r.offset() < end.get(
                            new TopicPartition(r.topic(), r.partition()))) {
                        records.add(r);
                    }
                }
            }
        }
        return records;
    }

    private static int replay(ChaosRun run, List<ConsumerRecord<String, String>> records) {
        Map<String, Object> config = ChaosClients.config(run.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (ConsumerRecord<String, String> r : records) {
                producer.send(new ProducerRecord<>(r.topic(), r.partition(), r.key(), r.value()))
                        .get(30, TimeUnit.SECONDS);
            }
            return records.size();
        } catch (ExecutionException | TimeoutException e) {
            throw new CliException(ExitCodes.FAILURE, "cannot replay the trial events: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "interrupted while replaying", e);
        }
    }
}

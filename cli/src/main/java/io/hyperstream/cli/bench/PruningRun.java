package io.hyperstream.cli.bench;

import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import io.hyperstream.cli.study.Broker;
import io.hyperstream.model.Json;
import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.PruneVerdict;
import io.hyperstream.model.event.StudyCompleted;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.StudyRejected;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialFailed;
import io.hyperstream.model.event.TrialPruned;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.spec.Direction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows one benchmark study on the study-events and trial-events topics from the moment it is
 * opened (before the study is submitted) until it completes: counts the epochs trained (every
 * epoch report, so a trial run again after a crash counts twice, as its compute did), the trials
 * by ending, the best completed value, and each trial's learning curve. It also reads the verdicts
 * topic, as a trainer does, to measure the round trip from each epoch report to its verdict.
 */
final class PruningRun implements AutoCloseable {

    /** What one run measured. */
    record Result(String pruner, long seed, String studyId, long epochs, int complete, int pruned, int failed,
                  double best, double wallSeconds, Double verdictMsP50, Double verdictMsP99, Double handlingMsP50,
                  Double handlingMsP99, Double roundTripMsP50, Double roundTripMsP99,
                  Map<Integer, Map<Integer, Double>> curves) {
    }

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, String> consumer;
    private final TopicNames topics;
    private final String studyId;
    private final Direction direction;
    private final Map<Integer, Map<Integer, Double>> curves = new TreeMap<>();
    private final VerdictRoundTrips roundTrips = new VerdictRoundTrips();
    private long epochs;
    private int complete;
    private int pruned;
    private int failed;
    private double best = Double.NaN;
    private String rejection;
    private boolean completed;

    PruningRun(String bootstrap, TopicNames topics, String studyId, Direction direction) {
        Map<String, Object> config = new java.util.HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Broker.REACH_TIMEOUT.toMillis());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "hpo-bench-" + studyId);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        this.topics = topics;
        this.studyId = studyId;
        this.direction = direction;
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.studyEvents(), topics.trialEvents(), topics.pruneVerdicts())) {
            consumer.partitionsFor(topic, Broker.REACH_TIMEOUT)
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.endOffsets(partitions, Broker.REACH_TIMEOUT).forEach(consumer::seek);
    }

    /**
     * Reads until the study completes (and its trials' endings are read); {@code healthy} is
     * asked after every poll and ends the run with a failure when it answers false.
     */
    void await(BooleanSupplier healthy, String whenUnhealthy) {
        long drainDeadline = Long.MAX_VALUE;
        while (true) {
            for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                Instant receivedAt = Instant.now();
                if (studyId.equals(record.key()) && record.value() != null) {
                    read(record, receivedAt);
                }
            }
            if (rejection != null) {
                throw new CliException(ExitCodes.BAD_INPUT, "study " + studyId + " was rejected: " + rejection);
            }
            if (!healthy.getAsBoolean()) {
                throw new CliException(ExitCodes.FAILURE, whenUnhealthy);
            }
            if (completed) {
                drainDeadline = Math.min(drainDeadline, System.nanoTime() + Duration.ofSeconds(5).toNanos());
                if (System.nanoTime() > drainDeadline) {
                    return;
                }
            }
        }
    }

    private void read(ConsumerRecord<String, String> record, Instant receivedAt) {
        try {
            if (record.topic().equals(topics.pruneVerdicts())) {
                PruneVerdict verdict = Json.read(record.value(), PruneVerdict.class);
                roundTrips.verdict(verdict.trialNumber(), verdict.epoch(), receivedAt);
                return;
            }
            if (record.topic().equals(topics.studyEvents())) {
                StudyEvent event = Json.read(record.value(), StudyEvent.class);
                if (event instanceof StudyRejected r && !r.duplicate()) {
                    rejection = r.reason();
                } else if (event instanceof StudyCompleted) {
                    completed = true;
                }
                return;
            }
            TrialEvent event = Json.read(record.value(), TrialEvent.class);
            if (event instanceof EpochReported report) {
                epochs++;
                roundTrips.report(report.trialNumber(), report.epoch(), report.timestamp());
                curves.computeIfAbsent(report.trialNumber(), n -> new TreeMap<>()).putIfAbsent(report.epoch(), report.value());
            } else if (event instanceof TrialCompleted c) {
                complete++;
                double value = c.values().get(0);
                if (Double.isNaN(best) || direction.isBetter(value, best)) {
                    best = value;
                }
            } else if (event instanceof TrialPruned) {
                pruned++;
            } else if (event instanceof TrialFailed) {
                failed++;
            }
        } catch (MalformedMessageException e) {
            // Not this benchmark's to judge: the services dead-letter what they cannot read.
        }
    }

    Result result(String pruner, long seed, double wallSeconds, Double p50, Double p99, Double handlingP50,
                  Double handlingP99) {
        return new Result(pruner, seed, studyId, epochs, complete, pruned, failed, best, wallSeconds, p50, p99,
                handlingP50, handlingP99, roundTrips.quantileMillis(0.5), roundTrips.quantileMillis(0.99), curves);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}

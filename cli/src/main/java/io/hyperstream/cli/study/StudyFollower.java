package io.hyperstream.cli.study;

import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import io.hyperstream.model.Json;
import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.model.StudyState;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.spec.StudySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows one study on the study-events and trial-events topics. Open it before publishing the
 * study: it reads every partition from the end offsets as of {@link #open}, so it sees every
 * event of the study and none of an earlier run with the same id. Not thread-safe.
 */
public final class StudyFollower implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    /**
     * After {@code StudyCompleted}, how long to wait for trial events still unread on the other
     * topic (the sampler announces completion only after it read the last trial's end).
     */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final KafkaConsumer<String, String> consumer;
    private final TopicNames topics;
    private final StudyProgress progress;

    private StudyFollower(KafkaConsumer<String, String> consumer, TopicNames topics, StudyProgress progress) {
        this.consumer = consumer;
        this.topics = topics;
        this.progress = progress;
    }

    /** Starts following {@code studyId} from now on. The topics must exist. */
    public static StudyFollower open(String bootstrapServers, TopicNames topics, String studyId, StudySpec spec) {
        Map<String, Object> config = Broker.clientConfig(bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "hpo-follower-" + studyId);
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(topics.studyEvents(), topics.trialEvents())) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Broker.REACH_TIMEOUT);
                if (infos == null || infos.isEmpty()) {
                    throw new CliException(ExitCodes.FAILURE, "topic " + topic + " does not exist on "
                            + bootstrapServers);
                }
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.endOffsets(partitions, Broker.REACH_TIMEOUT).forEach(consumer::seek);
            return new StudyFollower(consumer, topics,
                    new StudyProgress(studyId, spec.directions(), spec.budget().nTrials()));
        } catch (KafkaException e) {
            consumer.close(Duration.ofSeconds(1));
            throw new CliException(ExitCodes.FAILURE, "cannot follow study " + studyId + " on " + bootstrapServers
                    + ": " + Broker.rootMessage(e), e);
        } catch (RuntimeException e) {
            consumer.close(Duration.ofSeconds(1));
            throw e;
        }
    }

    /** What has been seen so far. */
    public StudyProgress progress() {
        return progress;
    }

    /**
     * Reads events until the study is rejected or completed, calling {@code onPoll} after every
     * poll (to show progress, or to give up by throwing).
     */
    public StudyProgress follow(Consumer<StudyProgress> onPoll) {
        long drainDeadline = Long.MAX_VALUE;
        while (true) {
            pollOnce();
            onPoll.accept(progress);
            if (progress.state() == StudyState.REJECTED) {
                return progress;
            }
            if (progress.state() == StudyState.COMPLETE) {
                if (drainDeadline == Long.MAX_VALUE) {
                    drainDeadline = System.nanoTime() + DRAIN.toNanos();
                }
                if (progress.finished() >= progress.announcedFinishedTrials() || System.nanoTime() > drainDeadline) {
                    return progress;
                }
            }
        }
    }

    /** Reads what arrived since the last call. */
    public void pollOnce() {
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
            if (progress.studyId().equals(record.key())) {
                read(record);
            }
        }
    }

    private void read(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            progress.ignoreMalformed();
            return;
        }
        try {
            if (record.topic().equals(topics.studyEvents())) {
                progress.apply(Json.read(record.value(), StudyEvent.class));
            } else {
                progress.apply(Json.read(record.value(), TrialEvent.class));
            }
        } catch (MalformedMessageException e) {
            // Someone else's bad message must not stop us following the study.
            progress.ignoreMalformed();
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}

package io.hyperstream.trainer.messaging;

import static org.awaitility.Awaitility.await;

import io.hyperstream.model.Json;
import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.PruneVerdict;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.spec.ObjectiveSpec;
import io.hyperstream.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What a test does on the broker: schedules trials, plays the pruner, reads what trainers published. */
final class TrainerTestClient implements AutoCloseable {

    static final TopicNames TOPICS = TopicNames.defaults();
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String GROUP = "hpo-trainers";

    private final KafkaProducer<String, String> producer;
    private final TopicTail trialEvents;
    private final TopicTail deadLetters;
    private final Admin admin;

    TrainerTestClient() {
        String bootstrap = bootstrapServers();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer());
        trialEvents = new TopicTail(bootstrap, TOPICS.trialEvents());
        deadLetters = new TopicTail(bootstrap, TOPICS.deadLetters());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    static String bootstrapServers() {
        return TestInfrastructure.shared().bootstrapServers();
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A trial of the synthetic objective. */
    static TrialScheduled trial(String studyId, int trialNumber, Map<String, Object> settings,
                                Map<String, Object> params, int maxEpochs, boolean pruning) {
        return new TrialScheduled(Events.newId(), studyId, trialNumber, Events.now(), params,
                new ObjectiveSpec("synthetic", settings, List.of("value"), maxEpochs), pruning, 17);
    }

    /** Publishes the trial under its standard key. */
    RecordMetadata schedule(TrialScheduled trial) throws Exception {
        return send(null, trial.studyId() + "/" + trial.trialNumber(), Json.write(trial));
    }

    /** Publishes the trial to one partition of the trials topic. */
    RecordMetadata schedule(TrialScheduled trial, int partition) throws Exception {
        return send(partition, trial.studyId() + "/" + trial.trialNumber(), Json.write(trial));
    }

    /** Publishes any text to the trials topic. */
    RecordMetadata send(Integer partition, String key, String value) throws Exception {
        return producer.send(new ProducerRecord<>(TOPICS.trials(), partition, key, value)).get();
    }

    /** Publishes a prune verdict, as the pruner would. */
    void verdict(String studyId, int trialNumber, int epoch, boolean prune) throws Exception {
        PruneVerdict verdict = new PruneVerdict(Events.newId(), studyId, trialNumber, Events.now(), epoch, prune,
                prune ? "the test prunes" : "the test lets it go on");
        producer.send(new ProducerRecord<>(TOPICS.pruneVerdicts(), studyId, Json.write(verdict))).get();
    }

    /** The trial-events records of a study so far, in order. */
    List<ConsumerRecord<String, String>> records(String studyId) {
        return trialEvents.records(r -> studyId.equals(r.key()));
    }

    /** The trial events of a study so far, in order. */
    List<TrialEvent> events(String studyId) {
        return records(studyId).stream().map(r -> Json.read(r.value(), TrialEvent.class)).toList();
    }

    /** The events of one trial so far, in order. */
    List<TrialEvent> events(String studyId, int trialNumber) {
        return events(studyId).stream().filter(e -> e.trialNumber() == trialNumber).toList();
    }

    /** The events of one trial, once one of them ends it. */
    List<TrialEvent> awaitTerminal(String studyId, int trialNumber) {
        await().atMost(WAIT).until(() -> events(studyId, trialNumber).stream().anyMatch(TrialEvent::isTerminal));
        return events(studyId, trialNumber);
    }

    /** The dead letters whose payload mentions the text. */
    List<DeadLetter> deadLetters(String text) {
        return deadLetters.records(r -> r.value().contains(text)).stream()
                .map(r -> Json.read(r.value(), DeadLetter.class)).toList();
    }

    /**
     * Whether the trainers have acknowledged the record: the share group's start offset on its
     * partition has passed it, or nothing there is left unacknowledged.
     */
    boolean acknowledged(RecordMetadata record) throws ExecutionException, InterruptedException {
        Map<TopicPartition, SharePartitionOffsetInfo> offsets = admin.listShareGroupOffsets(
                Map.of(GROUP, new ListShareGroupOffsetsSpec())).partitionsToOffsetInfo(GROUP).get();
        SharePartitionOffsetInfo offset = offsets.get(new TopicPartition(record.topic(), record.partition()));
        return offset != null && (offset.startOffset() > record.offset() || offset.lag().orElse(-1L) == 0);
    }

    /** How many members the trainers' share group has. */
    int trainersInGroup() throws ExecutionException, InterruptedException {
        return admin.describeShareGroups(List.of(GROUP)).describedGroups().get(GROUP).get().members().size();
    }

    /**
     * Joins the trainers' share group as a trainer that takes the trial scheduled under
     * {@code key} and stops, without ending it, {@code times} times (releasing it each time, as a
     * trainer that stops does). Records of other keys it meets are released too.
     */
    void startAndStop(String key, int times) {
        try (KafkaShareConsumer<String, String> trainer = shareConsumer()) {
            int taken = 0;
            long deadline = System.currentTimeMillis() + WAIT.toMillis();
            while (taken < times && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : trainer.poll(Duration.ofMillis(200))) {
                    trainer.acknowledge(record, AcknowledgeType.RELEASE);
                    if (key.equals(record.key())) {
                        taken++;
                    }
                }
                trainer.commitSync();
            }
            if (taken < times) {
                throw new AssertionError("took " + key + " " + taken + " of " + times + " times within " + WAIT);
            }
        }
    }

    /**
     * Joins the trainers' share group as a trainer that takes the trial scheduled under
     * {@code key} and then goes silent: it neither renews nor acknowledges it, and stays in the
     * group until closed.
     */
    KafkaShareConsumer<String, String> takeAndGoSilent(String key) {
        KafkaShareConsumer<String, String> trainer = shareConsumer();
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            boolean held = false;
            for (ConsumerRecord<String, String> record : trainer.poll(Duration.ofMillis(200))) {
                if (key.equals(record.key())) {
                    held = true;
                } else {
                    trainer.acknowledge(record, AcknowledgeType.RELEASE);
                }
            }
            trainer.commitSync();
            if (held) {
                return trainer;
            }
        }
        trainer.close();
        throw new AssertionError("never got " + key + " within " + WAIT);
    }

    private KafkaShareConsumer<String, String> shareConsumer() {
        KafkaShareConsumer<String, String> trainer = new KafkaShareConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit",
                ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1),
                new StringDeserializer(), new StringDeserializer());
        trainer.subscribe(List.of(TOPICS.trials()));
        return trainer;
    }

    @Override
    public void close() {
        producer.close();
        trialEvents.close();
        deadLetters.close();
        admin.close();
    }
}

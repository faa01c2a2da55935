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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
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

    /** The trainers' committed offset of a partition of the trials topic, or -1. */
    long committedOffset(int partition) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
        OffsetAndMetadata offset = offsets.get(new TopicPartition(TOPICS.trials(), partition));
        return offset == null ? -1 : offset.offset();
    }

    @Override
    public void close() {
        producer.close();
        trialEvents.close();
        deadLetters.close();
        admin.close();
    }
}

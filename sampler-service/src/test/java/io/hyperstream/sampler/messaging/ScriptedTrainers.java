package io.hyperstream.sampler.messaging;

import io.hyperstream.model.Json;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.kafka.TopicNames;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plays the trainers: completes scheduled trials when a test says so, keyed by study id as trainers do. */
final class ScriptedTrainers implements AutoCloseable {

    private final TopicNames topics;
    private final TopicTail trials;
    private final KafkaProducer<String, String> producer;
    private final Set<String> completed = new HashSet<>();

    ScriptedTrainers(String bootstrapServers, TopicNames topics) {
        this.topics = topics;
        this.trials = new TopicTail(bootstrapServers, topics.trials());
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer());
    }

    /** Every TrialScheduled of the study read so far, in the order published. */
    List<TrialScheduled> scheduled(String studyId) {
        return trials.study(studyId).stream().map(j -> Json.read(j.toString(), TrialScheduled.class)).toList();
    }

    /** Completes the lowest-numbered scheduled trial of the study not completed yet; its number, if there was one. */
    Optional<Integer> completeNext(String studyId) {
        Optional<TrialScheduled> next = scheduled(studyId).stream()
                .filter(t -> !completed.contains(studyId + "/" + t.trialNumber()))
                .min(Comparator.comparingInt(TrialScheduled::trialNumber));
        next.ifPresent(t -> complete(studyId, t.trialNumber(), 100.0 - t.trialNumber()));
        return next.map(TrialScheduled::trialNumber);
    }

    void complete(String studyId, int number, double value) {
        completed.add(studyId + "/" + number);
        send(topics.trialEvents(), null, studyId, Json.write(new TrialCompleted(Events.newId(), studyId, number,
                Events.now(), "scripted-trainer", List.of(value), Map.of(), 3)));
    }

    void send(String topic, Integer partition, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, partition, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("sending to " + topic + " failed", e);
        }
    }

    @Override
    public void close() {
        producer.close();
        trials.close();
    }
}

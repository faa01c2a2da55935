package io.hyperstream.pruner.messaging;

import io.hyperstream.model.Json;
import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.PruneVerdict;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.pruner.service.PruningService;
import io.hyperstream.pruner.service.VerdictLatency;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads study events and trial events, feeds them to the pruning service and publishes its
 * verdicts. A message that cannot be read goes to the dead-letter topic; the channel goes on.
 */
@ApplicationScoped
public class PrunerConsumers {

    private static final Logger LOG = Logger.getLogger(PrunerConsumers.class);
    private static final String SERVICE = "pruner-service";

    private final PruningService pruning;
    private final KafkaPublisher publisher;
    private final VerdictLatency latency;

    public PrunerConsumers(PruningService pruning, KafkaPublisher publisher, VerdictLatency latency) {
        this.pruning = pruning;
        this.publisher = publisher;
        this.latency = latency;
    }

    @Incoming(Channels.STUDY_EVENTS)
    @Blocking
    public void onStudyEvent(ConsumerRecord<String, String> record) {
        read(record, StudyEvent.class).ifPresent(pruning::onStudyEvent);
    }

    @Incoming(Channels.TRIAL_EVENTS)
    @Blocking(ordered = true)
    public void onTrialEvent(ConsumerRecord<String, String> record) {
        Optional<TrialEvent> event = read(record, TrialEvent.class);
        if (event.isEmpty()) {
            return;
        }
        Optional<PruneVerdict> verdict = pruning.onTrialEvent(event.get());
        if (verdict.isPresent()) {
            publisher.publish(verdict.get());
            latency.record(Duration.between(event.get().timestamp(), Instant.now()));
        }
    }

    private <T> Optional<T> read(ConsumerRecord<String, String> record, Class<T> family) {
        try {
            if (record.value() == null || record.value().isBlank()) {
                throw new MalformedMessageException("the message is empty", null);
            }
            return Optional.of(Json.read(record.value(), family));
        } catch (MalformedMessageException e) {
            LOG.warnf("dead-lettering %s-%d@%d (key %s): %s", record.topic(), record.partition(), record.offset(),
                    record.key(), e.getMessage());
            publisher.publish(new DeadLetter(Events.newId(), record.key(), Events.now(), SERVICE, record.topic(),
                    record.partition(), record.offset(), record.value(), e.getMessage()), record.key());
            return Optional.empty();
        }
    }
}

package io.hyperstream.pruner.messaging;

import io.hyperstream.model.Json;
import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.PruneVerdict;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.pruner.config.PrunerConfig;
import io.hyperstream.pruner.metrics.PrunerMeters;
import io.hyperstream.pruner.service.PruningService;
import io.hyperstream.pruner.service.VerdictLatency;
import io.hyperstream.service.log.LogContext;
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
 * verdicts. A message that cannot be read, or that makes no sense (an epoch report without a
 * value), goes to the dead-letter topic with the reason; the channel goes on.
 */
@ApplicationScoped
public class PrunerConsumers {

    private static final Logger LOG = Logger.getLogger(PrunerConsumers.class);

    private final PruningService pruning;
    private final KafkaPublisher publisher;
    private final VerdictLatency latency;
    private final PrunerMeters meters;
    private final String serviceName;

    public PrunerConsumers(PruningService pruning, KafkaPublisher publisher, VerdictLatency latency,
                           PrunerConfig config, PrunerMeters meters) {
        this.meters = meters;
        this.pruning = pruning;
        this.publisher = publisher;
        this.latency = latency;
        this.serviceName = config.serviceName();
    }

    @Incoming(Channels.STUDY_EVENTS)
    @Blocking(ordered = true)
    public void onStudyEvent(ConsumerRecord<String, String> record) {
        read(record, StudyEvent.class).ifPresent(event -> {
            try (LogContext context = LogContext.study(event.studyId())) {
                pruning.onStudyEvent(event);
            }
        });
    }

    @Incoming(Channels.TRIAL_EVENTS)
    @Blocking(ordered = true)
    public void onTrialEvent(ConsumerRecord<String, String> record) {
        Optional<TrialEvent> event = read(record, TrialEvent.class);
        if (event.isEmpty()) {
            return;
        }
        try (LogContext context = LogContext.trial(event.get().studyId(), event.get().trialNumber())) {
            onTrialEvent(record, event.get());
        }
    }

    private void onTrialEvent(ConsumerRecord<String, String> record, TrialEvent event) {
        Optional<PruneVerdict> verdict;
        try {
            verdict = pruning.onTrialEvent(event);
        } catch (MalformedMessageException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        if (verdict.isPresent() && event instanceof EpochReported report) {
            publisher.publish(verdict.get());
            meters.verdict(verdict.get().prune());
            Duration sinceReport = Duration.between(report.timestamp(), Instant.now());
            latency.record(sinceReport);
            LOG.debugf("study %s trial %d: verdict for epoch %d (prune=%s) published %d ms after the report",
                    verdict.get().studyId(), verdict.get().trialNumber(), verdict.get().epoch(), verdict.get().prune(),
                    sinceReport.toMillis());
        }
    }

    private <T> Optional<T> read(ConsumerRecord<String, String> record, Class<T> family) {
        try {
            if (record.value() == null || record.value().isBlank()) {
                throw new MalformedMessageException("the message is empty", null);
            }
            return Optional.of(Json.read(record.value(), family));
        } catch (MalformedMessageException e) {
            deadLetter(record, e.getMessage());
            return Optional.empty();
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, String error) {
        LOG.warnf("dead-lettering %s-%d@%d (key %s): %s", record.topic(), record.partition(), record.offset(),
                record.key(), error);
        publisher.publish(new DeadLetter(Events.newId(), record.key(), Events.now(), serviceName, record.topic(),
                record.partition(), record.offset(), record.value(), error), record.key());
    }
}

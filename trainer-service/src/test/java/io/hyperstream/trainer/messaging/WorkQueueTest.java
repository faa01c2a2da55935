package io.hyperstream.trainer.messaging;

import static io.hyperstream.trainer.messaging.TrainerTestClient.WAIT;
import static io.hyperstream.trainer.messaging.TrainerTestClient.trial;
import static io.hyperstream.trainer.messaging.TrainerTestClient.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.hyperstream.service.TopicsConfig;
import io.hyperstream.trainer.config.TrainerConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trials topic as a work queue shared by several trainers: long trials, a trainer joining
 * while a trial runs, a trainer stopping while a trial runs. The application's trainer is
 * {@code test-trainer}; the tests start a second one in the same group.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class WorkQueueTest {

    private static final String APP_TRAINER = "test-trainer";
    private static final String SECOND_TRAINER = "second-trainer";
    private static final int PARTITIONS = 12;

    @Inject
    TrainerConfig config;
    @Inject
    TopicsConfig topics;
    @Inject
    TrialQueue appQueue;

    private TrainerTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = new TrainerTestClient();
        // Every test starts from the application's trainer alone in the group.
        await().atMost(WAIT).until(() -> appQueue.status().partitions().size() == PARTITIONS);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aTrialLongerThanThePollIntervalKeepsItsTrainerInTheGroup() throws Exception {
        // The test profile sets max.poll.interval.ms to 3 s: a trainer that stopped polling during
        // this 4 s trial would be evicted and the trial delivered again.
        String studyId = uniqueId("long");

        RecordMetadata scheduled = kafka.schedule(trial(studyId, 0, Map.of("function", "ackley", "epoch_delay_ms", 800),
                Map.of("x0", 0.0), 5, false));

        List<TrialEvent> events = kafka.awaitTerminal(studyId, 0);
        await().atMost(WAIT).until(() -> kafka.committedOffset(scheduled.partition()) == scheduled.offset() + 1);
        TimeUnit.SECONDS.sleep(1);
        assertThat(kafka.events(studyId)).isEqualTo(events);
        assertThat(events).extracting(TrialEvent::type).containsExactly("TrialStarted",
                "EpochReported", "EpochReported", "EpochReported", "EpochReported", "EpochReported", "TrialCompleted");
        assertThat(appQueue.status().partitions()).hasSize(PARTITIONS);
    }

    @Test
    void aTrialWhosePartitionMovesRunsAgainOnItsNewOwner() throws Exception {
        String studyId = uniqueId("moved");
        // The cooperative sticky assignor keeps the first half of the partitions the first
        // trainer owns and moves the rest to the newcomer: the last partition moves.
        int partition = PARTITIONS - 1;
        RecordMetadata scheduled = kafka.schedule(trial(studyId, 0, Map.of("function", "branin", "epoch_delay_ms", 400),
                Map.of("x0", 1.0, "x1", 1.0), 12, false), partition);
        await().atMost(WAIT).until(() -> kafka.events(studyId).stream().anyMatch(EpochReported.class::isInstance));

        try (ExtraTrainer second = new ExtraTrainer(SECOND_TRAINER, config, topics).start()) {
            await().atMost(WAIT).until(() -> second.status().partitions().contains(partition));

            List<TrialEvent> events = kafka.awaitTerminal(studyId, 0);
            List<TrialEvent> byApp = events.stream().filter(e -> e.trainerId().equals(APP_TRAINER)).toList();
            List<TrialEvent> bySecond = events.stream().filter(e -> e.trainerId().equals(SECOND_TRAINER)).toList();
            // The first trainer gave the trial up part-way, without a terminal event...
            assertThat(byApp.get(0).type()).isEqualTo("TrialStarted");
            assertThat(byApp).hasSizeBetween(2, 12).noneMatch(TrialEvent::isTerminal);
            // ...and the partition's new owner ran it from the start to the end.
            assertThat(bySecond).hasSize(14);
            assertThat(bySecond.get(0).type()).isEqualTo("TrialStarted");
            assertThat(bySecond.subList(1, 13)).extracting(e -> ((EpochReported) e).epoch())
                    .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
            assertThat(bySecond.get(13)).isInstanceOf(TrialCompleted.class);
            await().atMost(WAIT).until(() -> kafka.committedOffset(partition) == scheduled.offset() + 1);
        }
    }

    @Test
    void theTrialOfAStoppingTrainerRunsAgainOnAnother() throws Exception {
        String studyId = uniqueId("stopped");
        RecordMetadata scheduled;
        try (ExtraTrainer second = new ExtraTrainer(SECOND_TRAINER, config, topics).start()) {
            await().atMost(WAIT).until(() -> !second.status().partitions().isEmpty()
                    && second.status().partitions().size() + appQueue.status().partitions().size() == PARTITIONS);
            int partition = second.status().partitions().get(0);

            scheduled = kafka.schedule(trial(studyId, 0, Map.of("function", "branin", "epoch_delay_ms", 500),
                    Map.of("x0", 1.0, "x1", 1.0), 6, false), partition);
            await().atMost(WAIT).until(() -> kafka.events(studyId).stream()
                    .anyMatch(e -> e instanceof EpochReported && e.trainerId().equals(SECOND_TRAINER)));
        }

        List<TrialEvent> events = kafka.awaitTerminal(studyId, 0);
        List<TrialEvent> bySecond = events.stream().filter(e -> e.trainerId().equals(SECOND_TRAINER)).toList();
        List<TrialEvent> byApp = events.stream().filter(e -> e.trainerId().equals(APP_TRAINER)).toList();
        assertThat(bySecond).hasSizeBetween(2, 6).noneMatch(TrialEvent::isTerminal);
        assertThat(byApp).extracting(TrialEvent::type).containsExactly("TrialStarted", "EpochReported",
                "EpochReported", "EpochReported", "EpochReported", "EpochReported", "EpochReported", "TrialCompleted");
        await().atMost(WAIT).until(() -> kafka.committedOffset(scheduled.partition()) == scheduled.offset() + 1);
    }
}

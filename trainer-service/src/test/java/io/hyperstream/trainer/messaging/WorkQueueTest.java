package io.hyperstream.trainer.messaging;

import static io.hyperstream.trainer.messaging.TrainerTestClient.WAIT;
import static io.hyperstream.trainer.messaging.TrainerTestClient.trial;
import static io.hyperstream.trainer.messaging.TrainerTestClient.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialFailed;
import io.hyperstream.service.TopicsConfig;
import io.hyperstream.testsupport.KafkaAndMongoResource;
import io.hyperstream.trainer.config.TrainerConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trials topic as a work queue shared by several trainers through a share group: leases
 * renewed by long trials, a waiting trial taken by an idle trainer whatever its partition,
 * trials whose trainer stops or goes silent run again with the next attempt, and a trial whose
 * trainers all stopped fails after max-attempts. The application's trainer is
 * {@code test-trainer} (lease 3 s in the test profile); tests add others to its group.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndMongoResource.class, restrictToAnnotatedClass = false)
class WorkQueueTest {

    private static final String APP_TRAINER = "test-trainer";
    private static final String SECOND_TRAINER = "second-trainer";

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
        // Every test starts from the application's trainer alone in the group, idle.
        await().atMost(WAIT).until(() -> appQueue.isAlive() && !appQueue.status().running()
                && kafka.trainersInGroup() == 1);
    }

    @AfterEach
    void disconnect() {
        appQueue.start();
        kafka.close();
    }

    @Test
    void aTrialLongerThanItsLeaseKeepsItAndRunsOnce() throws Exception {
        // Five epochs of 800 ms outlast the 3 s lease and max.poll.interval.ms (3 s in the test
        // profile): a trainer that did not renew would lose the trial, which would run again.
        String studyId = uniqueId("long");

        RecordMetadata scheduled = kafka.schedule(trial(studyId, 0, Map.of("function", "ackley", "epoch_delay_ms", 800),
                Map.of("x0", 0.0), 5, false));

        List<TrialEvent> events = kafka.awaitTerminal(studyId, 0);
        await().atMost(WAIT).until(() -> kafka.acknowledged(scheduled));
        TimeUnit.SECONDS.sleep(1);
        assertThat(kafka.events(studyId)).isEqualTo(events);
        assertThat(events).extracting(TrialEvent::type).containsExactly("TrialStarted",
                "EpochReported", "EpochReported", "EpochReported", "EpochReported", "EpochReported", "TrialCompleted");
        assertThat(events).extracting(TrialEvent::attempt).containsOnly(1);
        assertThat(events).extracting(TrialEvent::trainerId).containsOnly(APP_TRAINER);
    }

    @Test
    void aWaitingTrialGoesToAnIdleTrainerWhateverItsPartition() throws Exception {
        String studyId = uniqueId("queued");
        try (ExtraTrainer second = new ExtraTrainer(SECOND_TRAINER, config, topics).start()) {
            await().atMost(WAIT).until(() -> kafka.trainersInGroup() == 2);

            RecordMetadata longOne = kafka.schedule(trial(studyId, 0, Map.of("function", "branin",
                    "epoch_delay_ms", 500), Map.of("x0", 1.0, "x1", 1.0), 8, false));
            await().atMost(WAIT).until(() -> kafka.events(studyId, 0).stream().anyMatch(EpochReported.class::isInstance));
            String busy = kafka.events(studyId, 0).get(0).trainerId();
            // Same partition as the running trial: a consumer group would hold it for the busy trainer.
            kafka.schedule(trial(studyId, 1, Map.of("function", "branin"), Map.of("x0", 2.0, "x1", 2.0), 2, false),
                    longOne.partition());

            List<TrialEvent> quick = kafka.awaitTerminal(studyId, 1);
            assertThat(quick).extracting(TrialEvent::trainerId).doesNotContain(busy).hasSize(4);
            assertThat(quick.get(3)).isInstanceOf(TrialCompleted.class);
            assertThat(kafka.events(studyId, 0)).as("the long trial is still running").noneMatch(TrialEvent::isTerminal);
            assertThat(kafka.awaitTerminal(studyId, 0)).extracting(TrialEvent::trainerId).containsOnly(busy);
        }
    }

    @Test
    void theTrialOfAStoppingTrainerRunsAgainOnAnotherWithTheNextAttempt() throws Exception {
        String studyId = uniqueId("stopped");
        appQueue.stop();
        RecordMetadata scheduled;
        try (ExtraTrainer second = new ExtraTrainer(SECOND_TRAINER, config, topics).start()) {
            scheduled = kafka.schedule(trial(studyId, 0, Map.of("function", "branin", "epoch_delay_ms", 500),
                    Map.of("x0", 1.0, "x1", 1.0), 6, false));
            await().atMost(WAIT).until(() -> kafka.events(studyId).stream()
                    .anyMatch(e -> e instanceof EpochReported && e.trainerId().equals(SECOND_TRAINER)));
            appQueue.start();
            await().atMost(WAIT).until(() -> kafka.trainersInGroup() == 2);
        }

        List<TrialEvent> events = kafka.awaitTerminal(studyId, 0);
        List<TrialEvent> bySecond = events.stream().filter(e -> e.trainerId().equals(SECOND_TRAINER)).toList();
        List<TrialEvent> byApp = events.stream().filter(e -> e.trainerId().equals(APP_TRAINER)).toList();
        // The stopping trainer gave the trial up part-way, without a terminal event...
        assertThat(bySecond).hasSizeBetween(2, 7).noneMatch(TrialEvent::isTerminal);
        assertThat(bySecond).extracting(TrialEvent::attempt).containsOnly(1);
        // ...and released it: the other trainer ran it from the start as attempt 2.
        assertThat(byApp).extracting(TrialEvent::type).containsExactly("TrialStarted", "EpochReported",
                "EpochReported", "EpochReported", "EpochReported", "EpochReported", "EpochReported", "TrialCompleted");
        assertThat(byApp).extracting(TrialEvent::attempt).containsOnly(2);
        assertThat(byApp.subList(1, 7)).extracting(e -> ((EpochReported) e).epoch()).containsExactly(1, 2, 3, 4, 5, 6);
        await().atMost(WAIT).until(() -> kafka.acknowledged(scheduled));
    }

    @Test
    void aTrialHeldByASilentTrainerRunsAgainWhenItsLeaseEnds() throws Exception {
        String studyId = uniqueId("silent");
        appQueue.stop();
        RecordMetadata scheduled = kafka.schedule(trial(studyId, 0, Map.of("function", "branin"),
                Map.of("x0", 1.0, "x1", 1.0), 3, false));
        try (KafkaShareConsumer<String, String> silent = kafka.takeAndGoSilent(studyId + "/0")) {
            appQueue.start();

            // The silent trainer is still in the group: only the end of its 3 s lease frees the trial.
            List<TrialEvent> events = kafka.awaitTerminal(studyId, 0);
            assertThat(events).extracting(TrialEvent::type)
                    .containsExactly("TrialStarted", "EpochReported", "EpochReported", "EpochReported", "TrialCompleted");
            assertThat(events).extracting(TrialEvent::attempt).containsOnly(2);
            assertThat(events).extracting(TrialEvent::trainerId).containsOnly(APP_TRAINER);
            await().atMost(WAIT).until(() -> kafka.acknowledged(scheduled));
        }
    }

    @Test
    void aTrialWhoseTrainersAllStoppedFailsAfterMaxAttempts() throws Exception {
        String studyId = uniqueId("doomed");
        appQueue.stop();
        RecordMetadata scheduled = kafka.schedule(trial(studyId, 7, Map.of("function", "branin"),
                Map.of("x0", 1.0, "x1", 1.0), 3, false));
        kafka.startAndStop(studyId + "/7", config.maxAttempts());

        appQueue.start();

        List<TrialEvent> events = kafka.awaitTerminal(studyId, 7);
        assertThat(events).hasSize(1);
        TrialFailed failed = (TrialFailed) events.get(0);
        assertThat(failed.reason()).isEqualTo("trial 7 was started 3 times and its trainer stopped each time before "
                + "it ended (hyperstream.trainer.max-attempts=3)");
        assertThat(failed.attempt()).isEqualTo(4);
        assertThat(failed.trainerId()).isEqualTo(APP_TRAINER);
        await().atMost(WAIT).until(() -> kafka.acknowledged(scheduled));
        assertThat(appQueue.status().trialsOutOfAttempts()).isPositive();
    }
}

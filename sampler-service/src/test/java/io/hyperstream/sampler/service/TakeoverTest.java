package io.hyperstream.sampler.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Event;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudyCompleted;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.StudyRejected;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.sampler.TestSpecs;
import io.hyperstream.sampler.algorithm.SamplerRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A scheduler continuing studies from what the topics hold, as after a restart or a rebalance. */
class TakeoverTest {

    private final RecordingPublisher published = new RecordingPublisher();
    private final MutableClock clock = new MutableClock();
    private final SchedulerSettings settings = new SchedulerSettings(List.of("synthetic"), List.of("none", "median"));

    private StudyScheduler newScheduler(EventPublisher publisher) {
        return new StudyScheduler(publisher, SamplerRegistry.standard(), settings, clock, () -> 1L);
    }

    @Test
    void aHalfRunStudyGoesOnToExactlyNTrialsWithoutRepeatingANumber() {
        // The first instance ran the study until trial 0 completed and trial 1 reported an epoch.
        StudyScheduler first = newScheduler(published);
        String submission = Events.newId();
        first.handle(IncomingCommand.Submit.of(submission, "half", TestSpecs.branin(7L, 6, 3)));
        List<TrialEvent> fromTrainers = List.of(
                new TrialStarted(Events.newId(), "half", 1, Events.now(), "t", Map.of()),
                epoch("half", 1, 1, 9.0),
                completed("half", 0, 4.0));
        fromTrainers.forEach(first::onTrialEvent);
        List<Event> log = new ArrayList<>(published.events);
        log.addAll(fromTrainers);
        assertThat(published.trials("half")).hasSize(4);

        // A second instance reads the same events back and takes over.
        RecordingPublisher after = new RecordingPublisher();
        StudyScheduler second = newScheduler(after);
        second.takeOver(new Takeover(Map.of("half", Set.of(submission)), List.of(history("half", log, false)), List.of()));

        assertThat(after.events).as("the study is already topped up to its parallelism").isEmpty();
        second.onTrialEvent(completed("half", 1, 3.0));
        second.onTrialEvent(completed("half", 2, 2.0));
        second.onTrialEvent(completed("half", 3, 1.0));
        second.onTrialEvent(completed("half", 4, 1.0));
        second.onTrialEvent(completed("half", 5, 1.0));

        assertThat(after.trials("half")).extracting(TrialScheduled::trialNumber).containsExactly(4, 5);
        assertThat(after.of(StudyCompleted.class, "half")).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("n_trials reached");
            assertThat(c.finishedTrials()).isEqualTo(6);
        });
        second.handle(IncomingCommand.Submit.of(submission, "half", TestSpecs.branin(7L, 6, 3)));
        assertThat(after.of(StudyAccepted.class, "half")).as("a redelivered submission").isEmpty();
        assertThat(after.of(StudyRejected.class, "half")).isEmpty();
    }

    @Test
    void aTrialThatEndedWhileNoInstanceRanTheStudyIsFollowedByTheNextOne() {
        StudyScheduler first = newScheduler(published);
        first.handle(IncomingCommand.Submit.of(Events.newId(), "gap", TestSpecs.branin(3L, 5, 2)));
        List<Event> log = new ArrayList<>(published.events);
        // Trial 0 completed after the first instance stopped: only the topics know.
        log.add(completed("gap", 0, 1.0));

        RecordingPublisher after = new RecordingPublisher();
        newScheduler(after).takeOver(new Takeover(Map.of(), List.of(history("gap", log, false)), List.of()));

        assertThat(after.trials("gap")).extracting(TrialScheduled::trialNumber).containsExactly(2);
    }

    @Test
    void aTrialNumberCountedButNeverPublishedIsScheduledOnTakeover() {
        StudyScheduler first = newScheduler(published);
        first.handle(IncomingCommand.Submit.of(Events.newId(), "hole", TestSpecs.branin(3L, 5, 3)));
        List<Event> log = new ArrayList<>(published.events);
        log.removeIf(e -> e instanceof TrialScheduled t && t.trialNumber() == 1);

        RecordingPublisher after = new RecordingPublisher();
        newScheduler(after).takeOver(new Takeover(Map.of(), List.of(history("hole", log, false)), List.of()));

        assertThat(after.trials("hole")).extracting(TrialScheduled::trialNumber).containsExactly(1);
    }

    @Test
    void aStudyWhoseLastTrialEndedIsCompletedAndAStoppedOneSchedulesNothingMore() {
        StudyScheduler first = newScheduler(published);
        first.handle(IncomingCommand.Submit.of(Events.newId(), "done", TestSpecs.branin(3L, 2, 2)));
        first.handle(IncomingCommand.Submit.of(Events.newId(), "stopped", TestSpecs.branin(3L, 9, 2)));
        List<Event> log = new ArrayList<>(published.events);
        log.add(completed("done", 0, 1.0));
        log.add(completed("done", 1, 1.0));
        log.add(completed("stopped", 0, 1.0));

        RecordingPublisher after = new RecordingPublisher();
        newScheduler(after).takeOver(new Takeover(Map.of(),
                List.of(history("done", log, false), history("stopped", log, true)), List.of()));

        assertThat(after.of(StudyCompleted.class, "done")).singleElement()
                .satisfies(c -> assertThat(c.finishedTrials()).isEqualTo(2));
        assertThat(after.trials("stopped")).isEmpty();
        assertThat(after.of(StudyCompleted.class, "stopped")).isEmpty();
    }

    @Test
    void pendingCommandsAreHandledAfterTheTakeoverAndAnsweredIdsStayTaken() {
        RecordingPublisher after = new RecordingPublisher();
        StudyScheduler scheduler = newScheduler(after);
        String answered = Events.newId();
        String pending = Events.newId();

        scheduler.takeOver(new Takeover(Map.of("taken", new LinkedHashSet<>(List.of(answered))), List.of(), List.of(
                IncomingCommand.Submit.of(pending, "new-study", TestSpecs.branin(1L, 2, 1)),
                IncomingCommand.Submit.of(Events.newId(), "taken", TestSpecs.branin(1L, 2, 1)))));

        assertThat(after.of(StudyAccepted.class, "new-study")).hasSize(1);
        assertThat(after.trials("new-study")).hasSize(1);
        assertThat(after.of(StudyRejected.class, "taken")).singleElement().satisfies(r -> {
            assertThat(r.duplicate()).isTrue();
            assertThat(r.reason()).isEqualTo("study id 'taken' is already used");
        });
        scheduler.handle(IncomingCommand.Submit.of(answered, "taken", TestSpecs.branin(1L, 2, 1)));
        assertThat(after.of(StudyRejected.class, "taken")).hasSize(1);
    }

    @Test
    void aResumedSamplerDoesNotRepeatTheDrawsOfTheStudysFirstTrials() {
        StudyScheduler first = newScheduler(published);
        first.handle(IncomingCommand.Submit.of(Events.newId(), "seeded", TestSpecs.branin(11L, 6, 3)));
        List<Event> log = new ArrayList<>(published.events);
        log.add(completed("seeded", 0, 1.0));
        Set<Map<String, Object>> before = new HashSet<>();
        published.trials("seeded").forEach(t -> before.add(t.params()));

        RecordingPublisher after = new RecordingPublisher();
        newScheduler(after).takeOver(new Takeover(Map.of(), List.of(history("seeded", log, false)), List.of()));

        assertThat(after.trials("seeded")).singleElement().satisfies(t -> {
            assertThat(t.trialNumber()).isEqualTo(3);
            assertThat(before).doesNotContain(t.params());
            assertThat(t.seed()).isEqualTo(10007L * 11 + 3);
        });
    }

    @Test
    void theTimeoutCountsFromTheOriginalAcceptance() {
        StudyScheduler first = newScheduler(published);
        StudySpec spec = TestSpecs.toSpec(TestSpecs.specJson(1L, 10, 1).set("budget",
                TestSpecs.parse("{\"n_trials\":10,\"parallelism\":1,\"timeout\":60}")));
        first.handle(IncomingCommand.Submit.of(Events.newId(), "timed", spec));
        List<Event> log = new ArrayList<>(published.events);
        log.add(completed("timed", 0, 1.0));
        clock.advance(Duration.ofSeconds(61));

        RecordingPublisher after = new RecordingPublisher();
        newScheduler(after).takeOver(new Takeover(Map.of(), List.of(history("timed", log, false)), List.of()));

        assertThat(after.trials("timed")).isEmpty();
        assertThat(after.of(StudyCompleted.class, "timed")).singleElement()
                .satisfies(c -> assertThat(c.reason()).isEqualTo("timeout"));
    }

    @Test
    void aFailedPublishStopsTheSchedulerUntilItsStudiesAreReleased() {
        List<Event> stored = new ArrayList<>();
        boolean[] brokerDown = {false};
        EventPublisher flaky = new EventPublisher() {
            @Override
            public void publish(StudyEvent event) {
                send(event);
            }

            @Override
            public void publish(TrialScheduled trial) {
                send(trial);
            }

            private void send(Event event) {
                if (brokerDown[0]) {
                    throw new IllegalStateException("broker unreachable");
                }
                stored.add(event);
            }
        };
        StudyScheduler scheduler = newScheduler(flaky);
        scheduler.handle(IncomingCommand.Submit.of(Events.newId(), "flaky", TestSpecs.branin(1L, 4, 1)));
        brokerDown[0] = true;

        assertThatThrownBy(() -> scheduler.onTrialEvent(completed("flaky", 0, 1.0)))
                .hasMessage("broker unreachable");
        assertThat(scheduler.failed()).hasMessage("broker unreachable");
        assertThatThrownBy(() -> scheduler.onTrialEvent(completed("flaky", 0, 1.0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the scheduler stopped after a failed publish");
        scheduler.checkTimeouts();

        brokerDown[0] = false;
        scheduler.release(id -> true);
        assertThat(scheduler.failed()).isNull();
        assertThat(scheduler.runningStudies()).isZero();
        List<Event> log = new ArrayList<>(stored);
        log.add(completed("flaky", 0, 1.0));
        scheduler.takeOver(new Takeover(Map.of(), List.of(history("flaky", log, false)), List.of()));
        assertThat(stored).filteredOn(e -> e instanceof TrialScheduled).extracting(e -> ((TrialScheduled) e).trialNumber())
                .containsExactly(0, 1);
    }

    /** The history a log reader would build for one study from these events. */
    private static StudyHistory history(String studyId, List<Event> log, boolean stopped) {
        StudyAccepted accepted = log.stream().filter(e -> e instanceof StudyAccepted a && a.studyId().equals(studyId))
                .map(StudyAccepted.class::cast).findFirst().orElseThrow();
        List<TrialScheduled> trials = log.stream().filter(e -> e instanceof TrialScheduled t && t.studyId().equals(studyId))
                .map(TrialScheduled.class::cast).toList();
        List<TrialEvent> events = log.stream().filter(e -> e instanceof TrialEvent t && t.studyId().equals(studyId))
                .map(TrialEvent.class::cast).toList();
        return new StudyHistory(studyId, accepted.spec(), accepted.timestamp(), trials, events, stopped);
    }

    private static TrialCompleted completed(String studyId, int n, double value) {
        return new TrialCompleted(Events.newId(), studyId, n, Events.now(), "t", List.of(value), Map.of(), 3);
    }

    private static EpochReported epoch(String studyId, int n, int epoch, double value) {
        return new EpochReported(Events.newId(), studyId, n, Events.now(), "t", epoch, List.of(value), Map.of());
    }
}

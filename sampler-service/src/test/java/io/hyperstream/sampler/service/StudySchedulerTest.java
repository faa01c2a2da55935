package io.hyperstream.sampler.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperstream.model.Json;
import io.hyperstream.model.TrialState;
import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Event;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudyCompleted;
import io.hyperstream.model.event.StudyRejected;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialFailed;
import io.hyperstream.model.event.TrialPruned;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.sampler.TestSpecs;
import io.hyperstream.sampler.algorithm.FrozenTrial;
import io.hyperstream.sampler.algorithm.RandomSampler;
import io.hyperstream.sampler.algorithm.Sampler;
import io.hyperstream.sampler.algorithm.SamplerRegistry;
import io.hyperstream.sampler.algorithm.StudyView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StudySchedulerTest {

    private static final long DEFAULT_SEED = 987_654L;

    private final RecordingPublisher published = new RecordingPublisher();
    private final MutableClock clock = new MutableClock();
    private final SchedulerSettings settings =
            new SchedulerSettings(List.of("synthetic", "mlp-classifier"), List.of("none", "nop", "median", "percentile"));
    private StudyScheduler scheduler = new StudyScheduler(published, SamplerRegistry.standard(), settings, clock,
            () -> DEFAULT_SEED);

    @Test
    void runsExactlyNTrialsWithAtMostParallelismInFlight() {
        StudySpec spec = TestSpecs.branin(7L, 5, 2);
        submit("s1", spec);

        assertThat(published.events).hasSize(3);
        StudyAccepted accepted = (StudyAccepted) published.events.get(0);
        assertThat(accepted.spec()).isEqualTo(spec);
        assertThat(published.trials("s1")).extracting(TrialScheduled::trialNumber).containsExactly(0, 1);

        TrialScheduled first = published.trials("s1").get(0);
        assertThat(first.objective()).isEqualTo(spec.objective());
        assertThat(first.pruning()).isTrue();
        assertThat(first.seed()).isEqualTo(10007L * 7 + 0);
        assertThat(first.params()).containsOnlyKeys("x0", "x1");

        // Finish trials in a changing order, with every kind of ending, and replay each ending once.
        int step = 0;
        while (!inFlight("s1").isEmpty()) {
            List<Integer> running = inFlight("s1");
            int number = step % 2 == 0 ? running.get(0) : running.get(running.size() - 1);
            TrialEvent end = switch (step % 3) {
                case 0 -> completed("s1", number, 1.0 + number);
                case 1 -> pruned("s1", number, 3);
                default -> failed("s1", number);
            };
            scheduler.onTrialEvent(end);
            assertThat(inFlight("s1")).as("in flight after step %d", step).hasSizeLessThanOrEqualTo(2);
            int eventsBefore = published.events.size();
            scheduler.onTrialEvent(completed("s1", number, 99.0));
            assertThat(published.events).as("a replayed ending changes nothing").hasSize(eventsBefore);
            step++;
        }

        assertThat(published.trials("s1")).extracting(TrialScheduled::trialNumber).containsExactly(0, 1, 2, 3, 4);
        assertThat(published.trials("s1")).extracting(TrialScheduled::seed)
                .containsExactly(70049L, 70050L, 70051L, 70052L, 70053L);
        List<StudyCompleted> completions = published.of(StudyCompleted.class, "s1");
        assertThat(completions).hasSize(1);
        assertThat(completions.get(0).reason()).isEqualTo("n_trials reached");
        assertThat(completions.get(0).finishedTrials()).isEqualTo(5);
        assertThat(published.events.get(published.events.size() - 1)).isSameAs(completions.get(0));

        int eventsAfter = published.events.size();
        scheduler.onTrialEvent(completed("s1", 4, 1.0));
        scheduler.checkTimeouts();
        assertThat(published.events).hasSize(eventsAfter);
        assertThat(scheduler.runningStudies()).isZero();
    }

    @Test
    void aStudyOfFewerTrialsThanParallelismSchedulesOnlyItsTrials() {
        submit("small", TestSpecs.branin(1L, 2, 4));

        assertThat(published.trials("small")).hasSize(2);
        scheduler.onTrialEvent(completed("small", 0, 1));
        scheduler.onTrialEvent(completed("small", 1, 1));

        assertThat(published.trials("small")).hasSize(2);
        assertThat(published.of(StudyCompleted.class, "small")).singleElement()
                .satisfies(c -> assertThat(c.finishedTrials()).isEqualTo(2));
    }

    @Test
    void eventsOfTrialsThatWereNeverScheduledAreIgnored() {
        submit("s2", TestSpecs.branin(1L, 5, 2));
        int before = published.events.size();

        scheduler.onTrialEvent(completed("s2", 7, 1));
        scheduler.onTrialEvent(completed("unknown-study", 0, 1));

        assertThat(published.events).hasSize(before);
    }

    @Test
    void aStopRequestEndsSchedulingAndCompletesWhenRunningTrialsEnd() {
        submit("stop-me", TestSpecs.branin(1L, 5, 2));
        scheduler.onTrialEvent(completed("stop-me", 0, 1));
        assertThat(published.trials("stop-me")).hasSize(3);

        scheduler.handle(new IncomingCommand.Stop(Events.newId(), "stop-me", "enough"));
        scheduler.onTrialEvent(completed("stop-me", 1, 1));

        assertThat(published.trials("stop-me")).hasSize(3);
        assertThat(published.of(StudyCompleted.class, "stop-me")).isEmpty();

        scheduler.onTrialEvent(failed("stop-me", 2));

        assertThat(published.trials("stop-me")).hasSize(3);
        assertThat(published.of(StudyCompleted.class, "stop-me")).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("stopped by request");
            assertThat(c.finishedTrials()).isEqualTo(3);
        });
    }

    @Test
    void aStopRequestForAStudyThatIsNotRunningChangesNothing() {
        scheduler.handle(new IncomingCommand.Stop(Events.newId(), "never-submitted", null));

        assertThat(published.events).isEmpty();
    }

    @Test
    void afterTheTimeoutNoTrialStartsAndTheStudyCompletesWhenItsTrialsEnd() {
        ObjectNode json = TestSpecs.specJson(1L, 10, 2);
        ((ObjectNode) json.get("budget")).put("timeout", 60);
        submit("timed", TestSpecs.toSpec(json));
        clock.advance(Duration.ofSeconds(30));
        scheduler.onTrialEvent(completed("timed", 0, 1));
        assertThat(published.trials("timed")).hasSize(3);

        clock.advance(Duration.ofSeconds(30));
        scheduler.checkTimeouts();
        assertThat(published.of(StudyCompleted.class, "timed")).isEmpty();

        scheduler.onTrialEvent(completed("timed", 1, 1));
        assertThat(published.trials("timed")).hasSize(3);
        scheduler.onTrialEvent(pruned("timed", 2, 4));

        assertThat(published.trials("timed")).hasSize(3);
        assertThat(published.of(StudyCompleted.class, "timed")).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("timeout");
            assertThat(c.finishedTrials()).isEqualTo(3);
        });
    }

    @Test
    void aStudyIsCompleteOnceItsTimeoutPassedAndItsLastTrialEnded() {
        ObjectNode json = TestSpecs.specJson(1L, 10, 1);
        ((ObjectNode) json.get("budget")).put("timeout", 5);
        submit("idle", TestSpecs.toSpec(json));

        clock.advance(Duration.ofSeconds(6));
        scheduler.checkTimeouts();
        scheduler.onTrialEvent(completed("idle", 0, 1));

        assertThat(published.trials("idle")).hasSize(1);
        assertThat(published.of(StudyCompleted.class, "idle")).singleElement()
                .satisfies(c -> assertThat(c.reason()).isEqualTo("timeout"));
    }

    @Test
    void aGridStudyEndsOnceEveryConfigurationIsAssignedWithoutRepeatingOne() {
        ObjectNode json = TestSpecs.specJson(5L, 10, 2);
        json.set("search_space", TestSpecs.parse("""
                [{"name":"layers","type":"int","low":1,"high":3},
                 {"name":"opt","type":"categorical","choices":["sgd","adam"]}]"""));
        ((ObjectNode) json.get("sampler")).put("type", "grid");
        submit("grid", TestSpecs.toSpec(json));

        while (published.trials("grid").size() < 6) {
            scheduler.onTrialEvent(completed("grid", inFlight("grid").get(0), 1.0));
        }
        // Six trials were scheduled and two are still running: no seventh starts, and the study
        // completes only once both have ended.
        assertThat(inFlight("grid")).hasSize(2);
        scheduler.onTrialEvent(completed("grid", inFlight("grid").get(0), 1.0));
        assertThat(published.trials("grid")).hasSize(6);
        assertThat(published.of(StudyCompleted.class, "grid")).isEmpty();
        scheduler.onTrialEvent(failed("grid", inFlight("grid").get(0)));

        List<Map<String, Object>> params = published.trials("grid").stream().map(TrialScheduled::params).toList();
        assertThat(params).doesNotHaveDuplicates().hasSize(6);
        assertThat(params).extracting(p -> p.get("layers") + "/" + p.get("opt"))
                .containsExactlyInAnyOrder("1/sgd", "1/adam", "2/sgd", "2/adam", "3/sgd", "3/adam");
        assertThat(published.of(StudyCompleted.class, "grid")).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("grid exhausted: all 6 configurations assigned");
            assertThat(c.finishedTrials()).isEqualTo(6);
        });
        assertThat(published.events.get(published.events.size() - 1)).isInstanceOf(StudyCompleted.class);
        assertThat(scheduler.runningStudies()).isZero();
    }

    @Test
    void aGridStudyOverAContinuousParameterIsRejectedNamingIt() {
        ObjectNode json = TestSpecs.specJson(5L, 10, 2);
        ((ObjectNode) json.get("sampler")).put("type", "grid");

        scheduler.handle(CommandReader.read(submitted("grid-continuous", json)));

        assertThat(rejection("grid-continuous")).startsWith("parameter 'x0' is a continuous float (no step)");
        assertThat(published.of(StudyAccepted.class, "grid-continuous")).isEmpty();
    }

    @Test
    void aSeedIsChosenAndRecordedWhenTheSpecHasNone() {
        submit("unseeded", TestSpecs.branin(null, 3, 1));

        StudyAccepted accepted = published.of(StudyAccepted.class, "unseeded").get(0);
        assertThat(accepted.spec().sampler().seed()).isEqualTo(DEFAULT_SEED);
        assertThat(published.trials("unseeded").get(0).seed()).isEqualTo(10007L * DEFAULT_SEED);
    }

    @Test
    void theSameSeedGivesTheSameTrialsAtParallelismOne() {
        List<Map<String, Object>> first = runSequentially("a", 42L);
        List<Map<String, Object>> again = runSequentially("b", 42L);
        List<Map<String, Object>> other = runSequentially("c", 43L);

        assertThat(first).hasSize(6);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    private List<Map<String, Object>> runSequentially(String studyId, long seed) {
        submit(studyId, TestSpecs.fetalMlp(seed, 6, 1));
        for (int n = 0; n < 6; n++) {
            scheduler.onTrialEvent(completed(studyId, n, 0.5));
        }
        assertThat(published.of(StudyCompleted.class, studyId)).hasSize(1);
        return published.trials(studyId).stream().map(TrialScheduled::params).toList();
    }

    @Test
    void theSamplerSeesFinishedAndRunningTrialsAndIsToldOfEachEnd() {
        List<StudyView> viewsAtSampling = new ArrayList<>();
        List<FrozenTrial> ended = new ArrayList<>();
        SamplerRegistry registry = new SamplerRegistry(Map.of("random", (options, seed) -> new Sampler() {
            private final RandomSampler random = new RandomSampler(seed);

            @Override
            public LinkedHashMap<String, Object> sampleTrial(StudyView study, int trialNumber) {
                viewsAtSampling.add(study);
                return Sampler.super.sampleTrial(study, trialNumber);
            }

            @Override
            public Object sampleIndependent(StudyView study, int n, Map<String, Object> soFar, ParamSpec param) {
                return random.sampleIndependent(study, n, soFar, param);
            }

            @Override
            public void afterTrial(StudyView study, FrozenTrial trial) {
                ended.add(trial);
            }
        }));
        scheduler = new StudyScheduler(published, registry, settings, clock, () -> 1L);
        submit("seen", TestSpecs.branin(3L, 4, 2));
        scheduler.onTrialEvent(new TrialStarted(Events.newId(), "seen", 0, Events.now(), "t1", Map.of()));
        scheduler.onTrialEvent(epoch("seen", 0, 1, 5.0));
        scheduler.onTrialEvent(epoch("seen", 0, 2, 4.0));
        scheduler.onTrialEvent(completed("seen", 0, 3.5));

        FrozenTrial trial0 = ended.get(0);
        assertThat(trial0.number()).isZero();
        assertThat(trial0.state()).isEqualTo(TrialState.COMPLETE);
        assertThat(trial0.values()).containsExactly(3.5);
        assertThat(trial0.intermediateValues()).containsExactly(Map.entry(1, 5.0), Map.entry(2, 4.0));
        assertThat(trial0.params()).isEqualTo(published.trials("seen").get(0).params());

        StudyView atTrial2 = viewsAtSampling.get(2);
        assertThat(atTrial2.finishedTrials()).extracting(FrozenTrial::number).containsExactly(0);
        assertThat(atTrial2.runningTrials()).singleElement().satisfies(t -> {
            assertThat(t.number()).isEqualTo(1);
            assertThat(t.state()).isEqualTo(TrialState.WAITING);
            assertThat(t.params()).isEqualTo(published.trials("seen").get(1).params());
        });
    }

    @Test
    void aSecondSubmissionWithTheSameIdIsRejectedAndARedeliveryIgnored() {
        StudySpec spec = TestSpecs.branin(1L, 3, 1);
        String eventId = Events.newId();
        scheduler.handle(IncomingCommand.Submit.of(eventId, "dup", spec));
        int before = published.events.size();

        scheduler.handle(IncomingCommand.Submit.of(eventId, "dup", spec));
        assertThat(published.events).hasSize(before);

        String duplicateId = Events.newId();
        scheduler.handle(IncomingCommand.Submit.of(duplicateId, "dup", spec));
        scheduler.handle(IncomingCommand.Submit.of(duplicateId, "dup", spec));
        assertThat(published.of(StudyRejected.class, "dup")).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("study id 'dup' is already used");
            assertThat(r.duplicate()).isTrue();
        });
        assertThat(published.trials("dup")).hasSize(1);
    }

    @Test
    void anInvalidSpecIsRejectedWithTheParserMessage() {
        ObjectNode json = TestSpecs.specJson(1L, 3, 1);
        ((ObjectNode) json.get("search_space").get(0)).put("low", 5).put("high", 1);

        scheduler.handle(CommandReader.read(submitted("bad-range", json)));

        assertThat(rejection("bad-range"))
                .isEqualTo("search_space[0]: parameter 'x0': low <= high must hold, but got low=5.0, high=1.0");
    }

    @Test
    void unknownSamplerPrunerAndTrainerKindsAndBadPrunerOptionsAreRejectedNamingTheValue() {
        ObjectNode sampler = TestSpecs.specJson(1L, 3, 1);
        ((ObjectNode) sampler.get("sampler")).put("type", "tpee");
        ObjectNode pruner = TestSpecs.specJson(1L, 3, 1);
        ((ObjectNode) pruner.get("pruner")).put("type", "hyperband");
        ObjectNode option = TestSpecs.specJson(1L, 3, 1);
        ((ObjectNode) option.get("pruner")).set("options", Json.mapper().valueToTree(java.util.Map.of("n_warmup_steps", -2)));
        ObjectNode kind = TestSpecs.specJson(1L, 3, 1);
        ((ObjectNode) kind.get("objective")).put("kind", "xgboost");

        scheduler.handle(CommandReader.read(submitted("bad-sampler", sampler)));
        scheduler.handle(CommandReader.read(submitted("bad-pruner", pruner)));
        scheduler.handle(CommandReader.read(submitted("bad-pruner-option", option)));
        scheduler.handle(CommandReader.read(submitted("bad-kind", kind)));

        assertThat(rejection("bad-sampler")).isEqualTo("sampler.type 'tpee' is unknown; known samplers: "
                + SamplerRegistry.standard().names());
        assertThat(rejection("bad-pruner"))
                .isEqualTo("pruner.type 'hyperband' is unknown; known pruners: [none, nop, median, percentile]");
        assertThat(rejection("bad-pruner-option"))
                .isEqualTo("pruner.options.n_warmup_steps of the median pruner must be >= 0, but got -2");
        assertThat(rejection("bad-kind"))
                .isEqualTo("objective.kind 'xgboost' is unknown; known trainer kinds: [synthetic, mlp-classifier]");
        assertThat(published.events).allMatch(e -> e instanceof StudyRejected);
    }

    @Test
    void aMultiObjectiveStudyMayNotUseAPrunerThatPrunes() {
        ObjectNode json = TestSpecs.specJson(1L, 3, 1);
        json.remove("direction");
        json.set("directions", Json.mapper().valueToTree(List.of("minimize", "maximize")));
        ((ObjectNode) json.get("objective")).remove("metric");
        ((ObjectNode) json.get("objective")).set("metrics", Json.mapper().valueToTree(List.of("value", "size")));

        scheduler.handle(CommandReader.read(submitted("mo-median", json)));
        ((ObjectNode) json.get("pruner")).put("type", "nop");
        scheduler.handle(CommandReader.read(submitted("mo-nop", json)));

        assertThat(rejection("mo-median")).contains("pruner.type 'median'").contains("single-objective");
        assertThat(published.of(StudyAccepted.class, "mo-nop")).hasSize(1);
        assertThat(published.trials("mo-nop")).singleElement().satisfies(t -> assertThat(t.pruning()).isFalse());
    }

    @Test
    void rejectedStudiesDoNotDisturbARunningOne() {
        submit("good", TestSpecs.branin(1L, 3, 1));
        ObjectNode bad = TestSpecs.specJson(1L, 3, 1);
        ((ObjectNode) bad.get("budget")).put("n_trials", 0);
        scheduler.handle(CommandReader.read(submitted("bad-budget", bad)));

        IntStream.range(0, 3).forEach(n -> scheduler.onTrialEvent(completed("good", n, 1)));

        assertThat(rejection("bad-budget")).contains("budget: n_trials must be >= 1, but got 0");
        assertThat(published.of(StudyCompleted.class, "good")).hasSize(1);
        assertThat(new TreeSet<>(published.events.stream().map(Event::studyId).toList()))
                .containsExactly("bad-budget", "good");
    }

    private void submit(String studyId, StudySpec spec) {
        scheduler.handle(IncomingCommand.Submit.of(Events.newId(), studyId, spec));
    }

    private String rejection(String studyId) {
        List<StudyRejected> rejections = published.of(StudyRejected.class, studyId);
        assertThat(rejections).as("rejections of %s", studyId).hasSize(1);
        assertThat(published.trials(studyId)).isEmpty();
        assertThat(rejections.get(0).duplicate()).isFalse();
        return rejections.get(0).reason();
    }

    private static String submitted(String studyId, ObjectNode spec) {
        ObjectNode command = Json.mapper().createObjectNode();
        command.put("type", "StudySubmitted").put("eventId", Events.newId()).put("studyId", studyId)
                .put("timestamp", "2026-01-01T00:00:00Z");
        command.set("spec", spec);
        return command.toString();
    }

    /** Trials scheduled and not yet finished, judged from the events a user sees. */
    private List<Integer> inFlight(String studyId) {
        List<Integer> scheduled = new ArrayList<>(published.trials(studyId).stream().map(TrialScheduled::trialNumber).toList());
        scheduled.removeAll(finished);
        return scheduled;
    }

    private final List<Integer> finished = new ArrayList<>();

    private TrialCompleted completed(String studyId, int n, double value) {
        finished.add(n);
        return new TrialCompleted(Events.newId(), studyId, n, Events.now(), "trainer-1", List.of(value), Map.of(), 10);
    }

    private TrialPruned pruned(String studyId, int n, int epoch) {
        finished.add(n);
        return new TrialPruned(Events.newId(), studyId, n, Events.now(), "trainer-1", epoch, List.of(2.0));
    }

    private TrialFailed failed(String studyId, int n) {
        finished.add(n);
        return new TrialFailed(Events.newId(), studyId, n, Events.now(), "trainer-1", "NaN loss");
    }

    private static EpochReported epoch(String studyId, int n, int epoch, double value) {
        return new EpochReported(Events.newId(), studyId, n, Events.now(), "trainer-1", epoch, List.of(value), Map.of());
    }
}

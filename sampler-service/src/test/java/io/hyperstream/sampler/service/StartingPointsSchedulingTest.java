package io.hyperstream.sampler.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudyCompleted;
import io.hyperstream.model.event.StudyRejected;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.model.spec.WarmStartSpec;
import io.hyperstream.sampler.TestSpecs;
import io.hyperstream.sampler.algorithm.FrozenTrial;
import io.hyperstream.sampler.algorithm.RandomSampler;
import io.hyperstream.sampler.algorithm.Sampler;
import io.hyperstream.sampler.algorithm.SamplerRegistry;
import io.hyperstream.sampler.algorithm.StudyView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Enqueued trials and warm starts as the scheduler runs them. */
class StartingPointsSchedulingTest {

    private final RecordingPublisher published = new RecordingPublisher();
    private final MutableClock clock = new MutableClock();
    private final SchedulerSettings settings =
            new SchedulerSettings(List.of("synthetic"), List.of("none", "median"));
    private final Map<String, EarlierStudy> earlier = new HashMap<>();
    private final List<Instant> cutoffs = new ArrayList<>();
    private final WarmStartSource source = (ids, cutoff) -> {
        cutoffs.add(cutoff);
        Map<String, EarlierStudy> found = new LinkedHashMap<>();
        ids.forEach(id -> {
            if (earlier.containsKey(id)) {
                found.put(id, earlier.get(id));
            }
        });
        return found;
    };
    /** What the sampler saw each time it sampled: the trial number it was given and the study view. */
    private final List<Map.Entry<Integer, StudyView>> sampled = new ArrayList<>();
    private final List<FrozenTrial> toldOf = new ArrayList<>();
    private final SamplerRegistry recording = new SamplerRegistry(Map.of("random", (options, seed) -> new Sampler() {
        private final RandomSampler random = new RandomSampler(seed);

        @Override
        public LinkedHashMap<String, Object> sampleTrial(StudyView study, int trialNumber, Map<String, Object> fixed) {
            sampled.add(Map.entry(trialNumber, study));
            return Sampler.super.sampleTrial(study, trialNumber, fixed);
        }

        @Override
        public Object sampleIndependent(StudyView study, int n, Map<String, Object> soFar, ParamSpec param) {
            return random.sampleIndependent(study, n, soFar, param);
        }

        @Override
        public void afterTrial(StudyView study, FrozenTrial trial) {
            toldOf.add(trial);
        }
    }));
    private final StudyScheduler scheduler =
            new StudyScheduler(published, recording, settings, clock, () -> 1L, source);

    @Test
    void enqueuedTrialsRunFirstWithTheirMissingParametersSampled() {
        StudySpec spec = TestSpecs.branin(5L, 4, 2).withEnqueueTrials(List.of(
                Map.of("x0", 1, "x1", 2.5),
                Map.of("x0", -3.0)));

        submit("enqueued", spec);
        complete("enqueued", 0, 1.0);
        complete("enqueued", 1, 2.0);

        List<TrialScheduled> trials = published.trials("enqueued");
        assertThat(trials).extracting(TrialScheduled::trialNumber).containsExactly(0, 1, 2, 3);
        assertThat(trials.get(0).params()).containsExactly(Map.entry("x0", 1.0), Map.entry("x1", 2.5));
        assertThat(trials.get(1).params()).containsEntry("x0", -3.0).containsKey("x1");
        assertThat((Double) trials.get(1).params().get("x1")).isBetween(0.0, 15.0);
        assertThat(trials.get(2).params()).isNotEqualTo(trials.get(0).params());
        assertThat(published.of(StudyAccepted.class, "enqueued").get(0).spec().enqueueTrials())
                .containsExactly(Map.of("x0", 1.0, "x1", 2.5), Map.of("x0", -3.0));
    }

    @Test
    void aWarmStartedSamplerSeesTheEarlierTrialsFirstAndTheStudysOwnAfterThem() {
        StudySpec old = TestSpecs.branin(1L, 5, 1);
        earlier.put("old", new EarlierStudy("old", old, List.of(
                trial(0, 1.0, 2.0, 30.0),
                trial(3, 9.5, 14.0, 12.0),
                trial(1, -4.0, 1.0, 50.0))));
        // The new space is narrower in x0: the earlier trial at x0=9.5 does not fit and is left out.
        ObjectNode json = TestSpecs.specJson(2L, 3, 1);
        ((ObjectNode) json.get("search_space").get(0)).put("high", 5);
        StudySpec spec = TestSpecs.toSpec(json).withWarmStart(new WarmStartSpec(List.of("old")));

        submit("warm", spec);
        complete("warm", 0, 7.0);

        assertThat(cutoffs).containsExactly(clock.instant());
        StudyView first = sampled.get(0).getValue();
        assertThat(sampled.get(0).getKey()).as("the study's trial 0 is the sampler's trial 2").isEqualTo(2);
        assertThat(first.finishedTrials()).extracting(FrozenTrial::number).containsExactly(0, 1);
        assertThat(first.finishedTrials()).extracting(FrozenTrial::values)
                .containsExactly(List.of(30.0), List.of(50.0));
        assertThat(first.finishedTrials().get(1).params()).containsExactly(Map.entry("x0", -4.0), Map.entry("x1", 1.0));
        assertThat(toldOf).singleElement().satisfies(t -> {
            assertThat(t.number()).isEqualTo(2);
            assertThat(t.values()).containsExactly(7.0);
        });
        assertThat(sampled.get(1).getKey()).isEqualTo(3);
        assertThat(sampled.get(1).getValue().finishedTrials()).extracting(FrozenTrial::number).containsExactly(0, 1, 2);
        assertThat(published.trials("warm")).extracting(TrialScheduled::trialNumber).containsExactly(0, 1);

        complete("warm", 1, 6.0);
        complete("warm", 2, 5.0);
        assertThat(published.of(StudyCompleted.class, "warm")).singleElement()
                .satisfies(c -> assertThat(c.finishedTrials()).as("only the study's own trials").isEqualTo(3));
    }

    @Test
    void aWarmStartFromAnUnknownStudyOrAnotherSpaceIsRejectedNamingTheStudy() {
        earlier.put("other-space", new EarlierStudy("other-space",
                TestSpecs.toSpec(TestSpecs.parse(TestSpecs.specJson(1L, 3, 1).toString()
                        .replace("{\"name\":\"x1\",\"type\":\"float\",\"low\":0,\"high\":15}",
                                "{\"name\":\"x1\",\"type\":\"int\",\"low\":0,\"high\":15}"))), List.of()));
        ObjectNode maximize = TestSpecs.specJson(1L, 3, 1);
        maximize.put("direction", "maximize");
        earlier.put("maximized", new EarlierStudy("maximized", TestSpecs.toSpec(maximize), List.of()));
        ObjectNode extra = TestSpecs.specJson(1L, 3, 1);
        ((ArrayNode) extra.get("search_space"))
                .add(TestSpecs.parse("{\"name\":\"x2\",\"type\":\"float\",\"low\":0,\"high\":1}"));
        earlier.put("more-params", new EarlierStudy("more-params", TestSpecs.toSpec(extra), List.of()));

        submit("w1", TestSpecs.branin(1L, 3, 1).withWarmStart(new WarmStartSpec(List.of("other-space", "gone"))));
        submit("w2", TestSpecs.branin(1L, 3, 1).withWarmStart(new WarmStartSpec(List.of("maximized"))));
        submit("w3", TestSpecs.branin(1L, 3, 1).withWarmStart(new WarmStartSpec(List.of("more-params"))));

        assertThat(rejection("w1")).isEqualTo("warm_start.studies[0]: study 'other-space' has a different search"
                + " space: parameter 'x1' is int there and float here; warm_start.studies[1]: study 'gone' was not"
                + " found (no StudyAccepted for it)");
        assertThat(rejection("w2")).isEqualTo("warm_start.studies[0]: study 'maximized' has directions [maximize],"
                + " but this study has [minimize]");
        assertThat(rejection("w3")).isEqualTo("warm_start.studies[0]: study 'more-params' has a different search"
                + " space: it has parameter 'x2', which this study lacks");
    }

    @Test
    void aWarmStartWithoutAnySourceIsRejected() {
        StudyScheduler plain = new StudyScheduler(published, SamplerRegistry.standard(), settings, clock, () -> 1L);

        plain.handle(IncomingCommand.Submit.of(Events.newId(), "alone",
                TestSpecs.branin(1L, 3, 1).withWarmStart(new WarmStartSpec(List.of("x")))));

        assertThat(rejection("alone")).isEqualTo("warm_start.studies[0]: study 'x' was not found (no StudyAccepted for it)");
    }

    private static EarlierStudy.CompletedTrial trial(int number, double x0, double x1, double value) {
        // Numbers as JSON gives them back: x1 as an Integer where it is whole.
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("x0", x0);
        params.put("x1", x1 == Math.rint(x1) ? (Object) (int) x1 : x1);
        return new EarlierStudy.CompletedTrial(number, params, List.of(value));
    }

    private void submit(String studyId, StudySpec spec) {
        scheduler.handle(IncomingCommand.Submit.of(Events.newId(), studyId, spec));
    }

    private void complete(String studyId, int number, double value) {
        scheduler.onTrialEvent(new TrialCompleted(Events.newId(), studyId, number, Events.now(), "t", List.of(value),
                Map.of(), 3));
    }

    private String rejection(String studyId) {
        assertThat(published.trials(studyId)).isEmpty();
        return published.of(StudyRejected.class, studyId).get(0).reason();
    }
}

package io.hyperstream.sampler.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperstream.model.Json;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.pruner.HyperbandBrackets;
import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.model.spec.SamplerSpec;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.sampler.TestSpecs;
import io.hyperstream.sampler.algorithm.FrozenTrial;
import io.hyperstream.sampler.algorithm.RandomSampler;
import io.hyperstream.sampler.algorithm.Sampler;
import io.hyperstream.sampler.algorithm.SamplerRegistry;
import io.hyperstream.sampler.algorithm.StudyView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** With a hyperband pruner, a sampler that models brackets apart (TPE) sees only its trial's bracket. */
class HyperbandBracketSamplingTest {

    private static final int TRIALS = 30;

    /** A random sampler that records which finished trials it saw for each trial it sampled. */
    private static final class Recording implements Sampler {
        final boolean apart;
        final Map<Integer, List<Integer>> seen = new TreeMap<>();
        final SplittableRandom random = new SplittableRandom(1);

        Recording(boolean apart) {
            this.apart = apart;
        }

        @Override
        public boolean modelsHyperbandBracketsApart(StudySpec spec, int trialNumber) {
            return apart;
        }

        @Override
        public LinkedHashMap<String, Object> sampleTrial(StudyView study, int trialNumber, Map<String, Object> fixed) {
            seen.put(trialNumber, study.finishedTrials().stream().map(FrozenTrial::number).toList());
            return Sampler.super.sampleTrial(study, trialNumber, fixed);
        }

        @Override
        public Object sampleIndependent(StudyView study, int trialNumber, Map<String, Object> paramsSoFar, ParamSpec param) {
            return RandomSampler.sample(param.distribution(), random);
        }
    }

    private Recording run(String pruner, boolean apart) {
        Recording sampler = new Recording(apart);
        RecordingPublisher published = new RecordingPublisher();
        StudyScheduler scheduler = new StudyScheduler(published,
                new SamplerRegistry(Map.of("recording", (options, seed) -> sampler)),
                new SchedulerSettings(List.of("synthetic"), List.of("none", "median", "hyperband")),
                new MutableClock(), () -> 1L);
        ObjectNode json = TestSpecs.specJson(1L, TRIALS, 1);
        ((ObjectNode) json.get("sampler")).put("type", "recording");
        json.set("pruner", Json.mapper().valueToTree(Map.of("type", pruner)));
        ((ObjectNode) json.get("objective")).put("max_epochs", 40);
        scheduler.handle(IncomingCommand.Submit.of(Events.newId(), "hb-study", Json.read(json.toString(), StudySpec.class)));
        for (int n = 0; n < TRIALS; n++) {
            scheduler.onTrialEvent(new TrialCompleted(Events.newId(), "hb-study", n, Events.now(), "trainer-1",
                    List.of((double) n), Map.of(), 40));
        }
        assertThat(published.trials("hb-study")).hasSize(TRIALS);
        return sampler;
    }

    @Test
    void seesOnlyTheFinishedTrialsOfItsBracket() {
        // max_epochs 40, min_resource 1, reduction factor 3: the four brackets of the pruner.
        HyperbandBrackets brackets = new HyperbandBrackets(1, 40, 3);
        Recording sampler = run("hyperband", true);

        for (int n = 0; n < TRIALS; n++) {
            int bracket = brackets.bracket("hb-study", n);
            List<Integer> expected = new ArrayList<>();
            for (int earlier = 0; earlier < n; earlier++) {
                if (brackets.bracket("hb-study", earlier) == bracket) {
                    expected.add(earlier);
                }
            }
            assertThat(sampler.seen.get(n)).as("trial %d in bracket %d", n, bracket).isEqualTo(expected);
        }
        assertThat(sampler.seen.get(TRIALS - 1)).hasSizeLessThan(TRIALS - 1);
    }

    @Test
    void otherPrunersAndSamplersSeeEveryTrial() {
        List<Integer> all = new ArrayList<>();
        for (int n = 0; n < TRIALS - 1; n++) {
            all.add(n);
        }
        assertThat(run("median", true).seen.get(TRIALS - 1)).isEqualTo(all);
        assertThat(run("hyperband", false).seen.get(TRIALS - 1)).isEqualTo(all);
    }

    @Test
    void tpeModelsBracketsApartAndSoDoesAutoWhileItRunsTpe() {
        StudySpec fetal = TestSpecs.fetalMlp(1L, 40, 2);
        StudySpec branin = TestSpecs.branin(1L, 40, 2);
        SamplerRegistry registry = SamplerRegistry.standard();
        assertThat(registry.create(new SamplerSpec("tpe", Map.of(), 1L), 1L).modelsHyperbandBracketsApart(branin, 0)).isTrue();
        assertThat(registry.create(new SamplerSpec("random", Map.of(), 1L), 1L).modelsHyperbandBracketsApart(branin, 0)).isFalse();
        // auto runs TPE on a conditional space (fetal_mlp) and GP on branin's.
        Sampler auto = registry.create(new SamplerSpec("auto", Map.of(), 1L), 1L);
        assertThat(auto.modelsHyperbandBracketsApart(fetal, 0)).isTrue();
        assertThat(auto.modelsHyperbandBracketsApart(branin, 0)).isFalse();
    }
}

package io.hyperstream.sampler.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.spec.Distribution;
import io.hyperstream.model.spec.IntDistribution;
import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.model.spec.SamplerSpec;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.sampler.TestSpecs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract every sampler inherits from {@link Sampler#sampleTrial}, and the registry. */
class SamplerTest {

    /** Draws x0 jointly (always 1.5, or a given value) and the rest independently (always low). */
    private static final class FixedRelativeSampler implements Sampler {
        final Object relativeX0;
        final List<Map<String, Object>> paramsSeen = new ArrayList<>();

        FixedRelativeSampler(Object relativeX0) {
            this.relativeX0 = relativeX0;
        }

        @Override
        public Map<String, Distribution> inferRelativeSearchSpace(StudyView study, int trialNumber) {
            return Map.of("x0", study.spec().param("x0").distribution());
        }

        @Override
        public Map<String, Object> sampleRelative(StudyView study, int trialNumber, Map<String, Distribution> space) {
            return Map.of("x0", relativeX0);
        }

        @Override
        public Object sampleIndependent(StudyView study, int trialNumber, Map<String, Object> paramsSoFar, ParamSpec param) {
            paramsSeen.add(new LinkedHashMap<>(paramsSoFar));
            return 0.0;
        }
    }

    @Test
    void relativeValuesAreUsedAndTheRestIsSampledIndependentlyInOrder() {
        StudySpec spec = TestSpecs.branin(1L, 5, 1);
        FixedRelativeSampler sampler = new FixedRelativeSampler(1.5);

        LinkedHashMap<String, Object> params = sampler.sampleTrial(StudyView.empty(spec), 0);

        assertThat(params).containsExactly(Map.entry("x0", 1.5), Map.entry("x1", 0.0));
        assertThat(sampler.paramsSeen).containsExactly(Map.of("x0", 1.5));
    }

    @Test
    void aValueOutsideItsDistributionIsRefusedNamingTheParameter() {
        StudySpec spec = TestSpecs.branin(1L, 5, 1);

        assertThatThrownBy(() -> new FixedRelativeSampler(99.0).sampleTrial(StudyView.empty(spec), 3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("99.0")
                .hasMessageContaining("parameter 'x0' of trial 3");
    }

    /** Counts relative sampling calls; draws every parameter independently at its low end. */
    private static final class CountingSampler implements Sampler {
        int relativeCalls;

        @Override
        public Map<String, Distribution> inferRelativeSearchSpace(StudyView study, int trialNumber) {
            return Map.of("x0", study.spec().param("x0").distribution());
        }

        @Override
        public Map<String, Object> sampleRelative(StudyView study, int trialNumber, Map<String, Distribution> space) {
            relativeCalls++;
            return Map.of("x0", 2.0);
        }

        @Override
        public Object sampleIndependent(StudyView study, int trialNumber, Map<String, Object> paramsSoFar, ParamSpec param) {
            return param.distribution() instanceof IntDistribution i ? (Object) i.low() : 0.0;
        }
    }

    @Test
    void fixedValuesWinOverRelativeAndIndependentOnesAndTheRestIsSampled() {
        StudySpec spec = TestSpecs.branin(1L, 5, 1);
        CountingSampler sampler = new CountingSampler();

        assertThat(sampler.sampleTrial(StudyView.empty(spec), 0, Map.of("x1", 7.0)))
                .containsExactly(Map.entry("x0", 2.0), Map.entry("x1", 7.0));
        assertThat(sampler.relativeCalls).isEqualTo(1);
        assertThat(sampler.sampleTrial(StudyView.empty(spec), 1, Map.of("x0", -1.0, "x1", 3.0)))
                .containsExactly(Map.entry("x0", -1.0), Map.entry("x1", 3.0));
        assertThat(sampler.relativeCalls).as("no relative sampling when all of its space is fixed").isEqualTo(1);
        assertThatThrownBy(() -> sampler.sampleTrial(StudyView.empty(spec), 2, Map.of("x1", 99.0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the fixed value 99.0 for parameter 'x1' of trial 2, which is outside its distribution "
                        + spec.param("x1").distribution());
    }

    @Test
    void aFixedConditionalParameterFollowsItsSampledParent() {
        StudySpec spec = TestSpecs.toSpec(TestSpecs.parse("""
                {"name":"c","search_space":[
                   {"name":"x0","type":"float","low":0,"high":5},
                   {"name":"depth","type":"int","low":1,"high":3},
                   {"name":"width","type":"int","low":4,"high":8,"condition":{"param":"depth","min":2}}],
                 "objective":{"kind":"synthetic","max_epochs":1},"budget":{"n_trials":2}}
                """));
        CountingSampler sampler = new CountingSampler();

        // The sampler puts depth at 1, so width's condition fails and the fixed width is left out.
        assertThat(sampler.sampleTrial(StudyView.empty(spec), 0, Map.of("width", 6L)))
                .containsOnlyKeys("x0", "depth");
        assertThat(sampler.sampleTrial(StudyView.empty(spec), 1, Map.of("depth", 3L, "width", 6L)))
                .containsEntry("depth", 3L).containsEntry("width", 6L);
    }

    @Test
    void theRegistryCreatesTheRandomSampler() {
        SamplerRegistry registry = SamplerRegistry.standard();

        assertThat(registry.names()).contains("random");
        assertThat(registry.create(new SamplerSpec("random", null, null), 5)).isInstanceOf(RandomSampler.class);
    }

    @Test
    void anUnknownSamplerNameListsTheKnownOnes() {
        assertThatThrownBy(() -> SamplerRegistry.standard().create(new SamplerSpec("tpee", null, null), 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sampler.type 'tpee' is unknown; known samplers: " + SamplerRegistry.standard().names());
    }

    @Test
    void anUnknownOptionIsRefused() {
        assertThatThrownBy(() -> SamplerRegistry.standard().create(
                new SamplerSpec("random", Map.of("n_startup_trials", 10), null), 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[n_startup_trials]")
                .hasMessageContaining("sampler 'random'");
    }
}

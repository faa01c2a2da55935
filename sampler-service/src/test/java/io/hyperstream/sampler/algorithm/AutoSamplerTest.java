package io.hyperstream.sampler.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.SamplerSpec;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.sampler.TestSpecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AutoSamplerTest {

    private static StudySpec spec(String directions, String extraParam, int nTrials) {
        return TestSpecs.toSpec(TestSpecs.parse("""
                {"name":"a",%s,
                 "search_space":[{"name":"x0","type":"float","low":-5,"high":10},
                                 {"name":"x1","type":"float","low":0,"high":15}%s],
                 "objective":{"kind":"synthetic","max_epochs":1,"metrics":%s},"budget":{"n_trials":%d}}
                """.formatted(directions, extraParam, directions.contains(",") ? "[\"a\",\"b\"]" : "[\"a\"]", nTrials)));
    }

    private final AutoSampler auto = (AutoSampler) SamplerRegistry.standard().create(new SamplerSpec("auto", Map.of(), 1L), 1L);

    @Test
    void picksGpForNumericSpacesThenTpeOnceTheStudyGrowsLarge() {
        StudySpec numeric = spec("\"direction\":\"minimize\"", "", 1000);

        assertThat(auto.choose(numeric, 0)).isEqualTo("gp");
        assertThat(auto.choose(numeric, 299)).isEqualTo("gp");
        assertThat(auto.choose(numeric, 300)).isEqualTo("tpe");
    }

    @Test
    void picksTpeForConditionalSpacesAndNsga2ForLargeMultiObjectiveBudgets() {
        String conditional = ",{\"name\":\"x2\",\"type\":\"int\",\"low\":1,\"high\":3,\"condition\":{\"param\":\"x0\",\"min\":0}}";

        assertThat(auto.choose(spec("\"direction\":\"minimize\"", conditional, 100), 50)).isEqualTo("tpe");
        assertThat(auto.choose(spec("\"directions\":[\"minimize\",\"maximize\"]", "", 100), 0)).isEqualTo("tpe");
        assertThat(auto.choose(spec("\"directions\":[\"minimize\",\"maximize\"]", "", 1000), 0)).isEqualTo("nsga2");
    }

    @Test
    void findsBraninsMinimumCloselyWithinFortyTrialsOnMostSeeds() {
        List<Double> bests = new ArrayList<>();
        for (long seed = 1; seed <= 5; seed++) {
            bests.add(bestOnBranin(seed));
        }
        // Random search reaches about 1.1 in 40 trials (median); the optimum is 0.3979.
        assertThat(bests.stream().sorted().toList().get(2)).isLessThan(0.45);
    }

    private static double bestOnBranin(long seed) {
        AutoSampler auto = (AutoSampler) SamplerRegistry.standard().create(new SamplerSpec("auto", Map.of(), seed), seed);
        StudySpec branin = spec("\"direction\":\"minimize\"", "", 40);
        List<FrozenTrial> finished = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (int n = 0; n < 40; n++) {
            var params = auto.sampleTrial(new StudyView(branin, finished, List.of()), n);
            double x0 = (Double) params.get("x0");
            double x1 = (Double) params.get("x1");
            double inner = x1 - 5.1 / (4 * Math.PI * Math.PI) * x0 * x0 + 5 / Math.PI * x0 - 6;
            double value = inner * inner + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x0) + 10;
            best = Math.min(best, value);
            finished.add(new FrozenTrial(n, TrialState.COMPLETE, params, List.of(value), new TreeMap<>()));
        }
        return best;
    }

    @Test
    void badOptionsNameTheOption() {
        assertThatThrownBy(() -> SamplerRegistry.standard().create(new SamplerSpec("auto", Map.of("gp_max_trials", -1), 1L), 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gp_max_trials");
        assertThatThrownBy(() -> SamplerRegistry.standard().create(new SamplerSpec("auto", Map.of("speed", 1), 1L), 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("speed");
    }
}

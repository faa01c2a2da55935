package io.hyperstream.pruner.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.spec.PrunerSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrunerRegistryTest {

    @Test
    void buildsThePrunersByName() {
        assertThat(PrunerRegistry.create(new PrunerSpec("none", null))).isInstanceOf(NopPruner.class);
        assertThat(PrunerRegistry.create(new PrunerSpec("median", Map.of("n_warmup_steps", 5)))).isInstanceOf(PercentilePruner.class);
        assertThat(PrunerRegistry.create(new PrunerSpec("percentile", Map.of("percentile", 25.0)))).isInstanceOf(PercentilePruner.class);
    }

    @Test
    void namesWhatIsWrong() {
        assertThatThrownBy(() -> PrunerRegistry.create(new PrunerSpec("hyperbnd", null)))
                .hasMessage("pruner.type 'hyperbnd' is unknown; known pruners: [none, nop, median, percentile]");
        assertThatThrownBy(() -> PrunerRegistry.create(new PrunerSpec("median", Map.of("warmup", 5))))
                .hasMessageContaining("pruner.options.warmup is not an option of the median pruner");
        assertThatThrownBy(() -> PrunerRegistry.create(new PrunerSpec("median", Map.of("n_warmup_steps", 2.5))))
                .hasMessage("pruner.options.n_warmup_steps must be an integer, but got 2.5");
        assertThatThrownBy(() -> PrunerRegistry.create(new PrunerSpec("percentile", Map.of())))
                .hasMessageContaining("pruner.options.percentile is required");
        assertThatThrownBy(() -> PrunerRegistry.create(new PrunerSpec("percentile", Map.of("percentile", 120))))
                .hasMessageContaining("percentile must be in [0, 100], but got 120.0");
    }
}

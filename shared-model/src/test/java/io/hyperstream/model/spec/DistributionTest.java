package io.hyperstream.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void floatWithStepContainsOnlyGridValues() {
        FloatDistribution d = new FloatDistribution(0.0, 1.0, false, 0.25);
        assertThat(d.contains(0.75)).isTrue();
        assertThat(d.contains(0.8)).isFalse();
        assertThat(d.contains(1.25)).isFalse();
        assertThat(d.effectiveHigh()).isEqualTo(1.0);
        assertThat(new FloatDistribution(0.0, 1.0, false, 0.3).effectiveHigh()).isEqualTo(0.9, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void intWithStepAndLog() {
        IntDistribution d = new IntDistribution(4, 64, false, 4);
        assertThat(d.contains(8L)).isTrue();
        assertThat(d.contains(10L)).isFalse();
        assertThat(d.contains(8.5)).isFalse();
        assertThat(d.toExternal(70.2)).isEqualTo(64L);
        assertThatThrownBy(() -> new IntDistribution(0, 10, true, 1)).hasMessageContaining("log=true needs low >= 1");
        assertThatThrownBy(() -> new IntDistribution(1, 10, false, 0)).hasMessageContaining("step must be >= 1");
    }

    @Test
    void categoricalMapsChoicesToIndices() {
        CategoricalDistribution d = new CategoricalDistribution(Arrays.asList("sgd", 32, null, true));
        assertThat(d.toInternal("sgd")).isEqualTo(0.0);
        assertThat(d.toInternal(32L)).isEqualTo(1.0);
        assertThat(d.toExternal(2)).isNull();
        assertThat(d.contains("adam")).isFalse();
        assertThatThrownBy(() -> new CategoricalDistribution(java.util.List.of("a", "a")))
                .hasMessageContaining("choices must be distinct");
    }
}

package io.hyperstream.model.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticFunctionTest {

    private static final double BRANIN_MINIMUM = 0.397887357729738;

    @Test
    void braninHasItsMinimumAtEachOfItsThreeMinimizers() {
        assertThat(SyntheticFunction.BRANIN.evaluate(Math.PI, 2.275)).isCloseTo(BRANIN_MINIMUM, within(1e-6));
        assertThat(SyntheticFunction.BRANIN.evaluate(-Math.PI, 12.275)).isCloseTo(BRANIN_MINIMUM, within(1e-6));
        assertThat(SyntheticFunction.BRANIN.evaluate(9.42478, 2.475)).isCloseTo(BRANIN_MINIMUM, within(1e-6));
        // (0 - 6)^2 + 10 (1 - 1/(8 pi)) cos 0 + 10
        assertThat(SyntheticFunction.BRANIN.evaluate(0, 0)).isCloseTo(56 - 10 / (8 * Math.PI), within(1e-12));
    }

    @Test
    void hartmannFunctionsHaveTheirMinimaAtTheKnownOptima() {
        double six = SyntheticFunction.HARTMANN6.evaluate(0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573);
        assertThat(six).isCloseTo(-3.32237, within(1e-5));
        assertThat(SyntheticFunction.HARTMANN6.evaluate(0.5, 0.5, 0.5, 0.5, 0.5, 0.5)).isGreaterThan(six);
        assertThat(SyntheticFunction.HARTMANN3.evaluate(0.114614, 0.555649, 0.852547)).isCloseTo(-3.86278, within(1e-5));
    }

    @Test
    void hartmannTakesTheConstantsABenchmarkFileGives() {
        // Only the first term left: its minimum -1 is at the first row of P.
        Map<String, Object> constants = Map.of("alpha", List.of(1.0, 0.0, 0.0, 0.0));

        assertThat(SyntheticFunction.HARTMANN6.evaluate(constants, 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886))
                .isEqualTo(-1.0);
        assertThatThrownBy(() -> SyntheticFunction.HARTMANN6.evaluate(Map.of("alpha", List.of(1.0, 2.0)), 0, 0, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alpha, A and P must have as many rows");
    }

    @Test
    void rosenbrockIsZeroAtOnesInAnyDimension() {
        assertThat(SyntheticFunction.ROSENBROCK.evaluate(1, 1)).isEqualTo(0.0);
        assertThat(SyntheticFunction.ROSENBROCK.evaluate(1, 1, 1, 1, 1)).isEqualTo(0.0);
        assertThat(SyntheticFunction.ROSENBROCK.evaluate(0, 0)).isEqualTo(1.0);
        // [100 (2 - 1)^2 + (1 - 1)^2] + [100 (1 - 4)^2 + (1 - 2)^2]
        assertThat(SyntheticFunction.ROSENBROCK.evaluate(1, 2, 1)).isEqualTo(1001.0);
    }

    @Test
    void ackleyIsZeroAtTheOriginInAnyDimension() {
        assertThat(SyntheticFunction.ACKLEY.evaluate(0)).isCloseTo(0.0, within(1e-12));
        assertThat(SyntheticFunction.ACKLEY.evaluate(0, 0, 0, 0, 0)).isCloseTo(0.0, within(1e-12));
        assertThat(SyntheticFunction.ACKLEY.evaluate(1, 1)).isCloseTo(3.6253849384403627, within(1e-12));
    }

    @Test
    void theOtherFunctionsTakeTheirPublishedMinima() {
        assertThat(SyntheticFunction.SPHERE.evaluate(0, 0, 0)).isEqualTo(0.0);
        assertThat(SyntheticFunction.SPHERE.evaluate(1, 2)).isEqualTo(5.0);
        assertThat(SyntheticFunction.RASTRIGIN.evaluate(0, 0, 0)).isCloseTo(0.0, within(1e-12));
        assertThat(SyntheticFunction.RASTRIGIN.evaluate(1, 0)).isCloseTo(1.0, within(1e-12));
        assertThat(SyntheticFunction.GRIEWANK.evaluate(0, 0)).isCloseTo(0.0, within(1e-12));
        assertThat(SyntheticFunction.LEVY.evaluate(1, 1, 1)).isCloseTo(0.0, within(1e-12));
        assertThat(SyntheticFunction.STYBLINSKI_TANG.evaluate(-2.903534, -2.903534)).isCloseTo(-78.33234, within(1e-4));
        assertThat(SyntheticFunction.ZAKHAROV.evaluate(0, 0, 0, 0)).isEqualTo(0.0);
        assertThat(SyntheticFunction.SCHWEFEL.evaluate(420.9687, 420.9687)).isCloseTo(0.0, within(1e-3));
        assertThat(SyntheticFunction.MICHALEWICZ.evaluate(2.20, 1.57)).isCloseTo(-1.8013, within(1e-3));
        assertThat(SyntheticFunction.SIX_HUMP_CAMEL.evaluate(0.0898, -0.7126)).isCloseTo(-1.0316, within(1e-4));
        assertThat(SyntheticFunction.GOLDSTEIN_PRICE.evaluate(0, -1)).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThat(SyntheticFunction.named(" Branin ")).isEqualTo(SyntheticFunction.BRANIN);
        assertThatThrownBy(() -> SyntheticFunction.named("bukin6"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown synthetic function 'bukin6'")
                .hasMessageContaining("hartmann6")
                .hasMessageContaining("styblinski_tang");
    }

    @Test
    void aWrongDimensionIsAnError() {
        assertThatThrownBy(() -> SyntheticFunction.BRANIN.evaluate(1, 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("branin takes 2 parameters (x0..x1), but got 3");
    }
}

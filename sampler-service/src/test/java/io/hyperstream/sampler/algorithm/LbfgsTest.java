package io.hyperstream.sampler.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LbfgsTest {

    private static double rosenbrock(double[] x, double[] g) {
        double a = 1 - x[0];
        double b = x[1] - x[0] * x[0];
        g[0] = -2 * a - 400 * x[0] * b;
        g[1] = 200 * b;
        return a * a + 100 * b * b;
    }

    @Test
    void findsTheMinimumOfRosenbrocksValley() {
        Lbfgs.Result r = new Lbfgs(2000, 1e-8, 0).minimize(LbfgsTest::rosenbrock, new double[] {-1.2, 1});
        assertThat(r.x()).containsExactly(new double[] {1, 1}, within(1e-5));
        assertThat(r.value()).isLessThan(1e-10);
        assertThat(r.evaluations()).isLessThan(200);
    }

    @Test
    void staysInsideItsBoxAndStopsOnTheBoundNearestTheMinimum() {
        // (x - 3)² + (y + 1)² in [0, 2] × [0, 2]: the constrained minimum is (2, 0).
        Lbfgs.Objective bowl = (x, g) -> {
            g[0] = 2 * (x[0] - 3);
            g[1] = 2 * (x[1] + 1);
            return (x[0] - 3) * (x[0] - 3) + (x[1] + 1) * (x[1] + 1);
        };
        Lbfgs.Result r = new Lbfgs(200, 1e-9, 0)
                .minimize(bowl, new double[] {0.5, 1.5}, new double[] {0, 0}, new double[] {2, 2}, java.util.List.of());
        assertThat(r.x()).containsExactly(new double[] {2, 0}, within(1e-9));
    }

    @Test
    void aWarmStartFromTheCurvatureOfASimilarProblemNeedsFewerEvaluations() {
        Lbfgs lbfgs = new Lbfgs(2000, 1e-6, 0);
        Lbfgs.Result first = lbfgs.minimize(LbfgsTest::rosenbrock, new double[] {-1.2, 1});
        Lbfgs.Objective shifted = (x, g) -> rosenbrock(new double[] {x[0] - 0.001, x[1]}, g);
        double[] lower = {-10, -10};
        double[] upper = {10, 10};
        Lbfgs.Result cold = lbfgs.minimize(shifted, first.x(), lower, upper, java.util.List.of());
        Lbfgs.Result warm = lbfgs.minimize(shifted, first.x(), lower, upper, first.curvature());
        assertThat(warm.x()).containsExactly(new double[] {1.001, 1}, within(1e-4));
        assertThat(warm.evaluations()).isLessThan(cold.evaluations());
    }

    @Test
    void stepsBackFromPointsWhereTheFunctionIsNotDefined() {
        // log barrier: undefined for x <= 0, minimum of x - log x at x = 1.
        Lbfgs.Objective barrier = (x, g) -> {
            if (x[0] <= 0) {
                return Double.NaN;
            }
            g[0] = 1 - 1 / x[0];
            return x[0] - Math.log(x[0]);
        };
        Lbfgs.Result r = new Lbfgs(200, 1e-10, 0).minimize(barrier, new double[] {30});
        assertThat(r.x()[0]).isCloseTo(1, within(1e-6));
    }
}

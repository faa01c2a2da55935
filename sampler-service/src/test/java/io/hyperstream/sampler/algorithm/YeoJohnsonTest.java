package io.hyperstream.sampler.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class YeoJohnsonTest {

    @Test
    void isTheIdentityAtLambdaOneAndMonotoneForEveryLambda() {
        for (double x : new double[] {-3, -0.5, 0, 0.7, 12}) {
            assertThat(YeoJohnson.transform(x, 1)).isCloseTo(x, within(1e-12));
        }
        for (double lambda : new double[] {-2, 0, 0.5, 2, 4}) {
            double previous = Double.NEGATIVE_INFINITY;
            for (double x = -20; x <= 20; x += 0.5) {
                double t = YeoJohnson.transform(x, lambda);
                assertThat(t).as("λ=%s x=%s", lambda, x).isGreaterThan(previous);
                previous = t;
            }
        }
        assertThat(YeoJohnson.transform(Math.E - 1, 0)).isCloseTo(1, within(1e-12));
        assertThat(YeoJohnson.transform(1 - Math.E, 2)).isCloseTo(-1, within(1e-12));
    }

    @Test
    void leavesNormalValuesAloneAndPullsInALongTail() {
        double[] normal = new double[200];
        double[] skewed = new double[200];
        for (int i = 0; i < normal.length; i++) {
            double z = Gaussian.quantile((i + 0.5) / normal.length);
            normal[i] = z;
            // Like -rosenbrock: most values close together, a few far below (skewed[199] is the lowest).
            skewed[i] = -Math.exp(2 * z);
        }
        assertThat(YeoJohnson.fitLambda(normal)).isCloseTo(1, within(0.05));
        double lambda = YeoJohnson.fitLambda(skewed);
        assertThat(lambda).isGreaterThan(1.5);
        double[] t = skewed.clone();
        YeoJohnson.fitAndTransform(t);
        // The spread of the worst tenth shrinks relative to the spread of the best half.
        double before = (skewed[180] - skewed[199]) / (skewed[0] - skewed[99]);
        double after = (t[180] - t[199]) / (t[0] - t[99]);
        assertThat(after).isLessThan(before / 10);
    }
}

package io.hyperstream.sampler.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CholeskyTest {

    /** The textbook example: A = L Lᵀ with L = [[2,0,0],[6,1,0],[-8,5,3]]. */
    private static final double[] A = {
        4, 12, -16,
        12, 37, -43,
        -16, -43, 98};

    @Test
    void factorsAKnownMatrix() {
        Cholesky c = Cholesky.factor(A, 3);
        assertThat(c.upper()).containsExactly(new double[] {2, 6, -8, 0, 1, 5, 0, 0, 3}, within(1e-12));
        assertThat(c.logDeterminant()).isCloseTo(2 * Math.log(2 * 1 * 3), within(1e-12));
    }

    @Test
    void solvesAndInverts() {
        Cholesky c = Cholesky.factor(A, 3);
        // A (1, -2, 3)ᵀ = (4 - 24 - 48, 12 - 74 - 129, -16 + 86 + 294).
        double[] x = c.solve(new double[] {-68, -191, 364});
        assertThat(x).containsExactly(new double[] {1, -2, 3}, within(1e-9));

        double[] inverse = c.inverse();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += A[i * 3 + k] * inverse[k * 3 + j];
                }
                assertThat(s).as("(A A⁻¹)[%d][%d]", i, j).isCloseTo(i == j ? 1 : 0, within(1e-9));
            }
        }
    }

    @Test
    void solvesManyRightHandSidesAtOnceAsOneByOne() {
        int n = 30;
        int m = 7;
        SplittableRandom random = new SplittableRandom(4);
        double[] g = new double[n * n];
        for (int i = 0; i < g.length; i++) {
            g[i] = random.nextDouble() - 0.5;
        }
        double[] spd = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < n; k++) {
                    s += g[i * n + k] * g[j * n + k];
                }
                spd[i * n + j] = s;
            }
        }
        Cholesky c = Cholesky.factor(spd, n);
        double[] batch = new double[n * m];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = random.nextDouble();
        }
        double[] expected = batch.clone();
        c.forwardInPlace(batch, m);
        for (int col = 0; col < m; col++) {
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                b[i] = expected[i * m + col];
            }
            c.forwardInPlace(b);
            for (int i = 0; i < n; i++) {
                assertThat(batch[i * m + col]).isCloseTo(b[i], within(1e-10));
            }
        }
        double[] x = c.solve(column(spd, n, 0));
        assertThat(x[0]).isCloseTo(1, within(1e-9));
        assertThat(x[5]).isCloseTo(0, within(1e-9));
    }

    @Test
    void refusesAMatrixThatIsNotPositiveDefinite() {
        assertThat(Cholesky.factor(new double[] {1, 2, 2, 1}, 2)).isNull();
        assertThat(Cholesky.factor(new double[] {0, 0, 0, 1}, 2)).isNull();
        assertThat(Cholesky.factor(new double[] {Double.NaN, 0, 0, 1}, 2)).isNull();
    }

    private static double[] column(double[] a, int n, int j) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = a[i * n + j];
        }
        return c;
    }
}

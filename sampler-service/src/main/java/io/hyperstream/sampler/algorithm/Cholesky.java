package io.hyperstream.sampler.algorithm;

/**
 * The Cholesky factorization A = UᵀU of a symmetric positive-definite matrix, with the solves and
 * the inverse a Gaussian process needs.
 *
 * <p>U is upper triangular and kept row-major in one flat array, so that the inner loops of the
 * factorization and of the forward solves run over contiguous memory (the JIT vectorizes them).
 * Row k of U is column k of the lower factor L = Uᵀ.
 */
final class Cholesky {

    private final int n;
    private final double[] u;

    private Cholesky(int n, double[] u) {
        this.n = n;
        this.u = u;
    }

    /**
     * Factorizes the n×n symmetric matrix {@code a} (row-major; only its upper triangle is read),
     * or returns null when it is not numerically positive definite. {@code a} is left untouched.
     */
    static Cholesky factor(double[] a, int n) {
        if (a.length != n * n) {
            throw new IllegalArgumentException("a must hold n*n = " + n * n + " values, but holds " + a.length);
        }
        // Row k of U is A's row k less the contributions of the rows above it (left-looking), so the
        // row being built stays in cache while the finished rows are only read.
        double[] u = new double[n * n];
        double[] row = new double[n];
        for (int k = 0; k < n; k++) {
            int rowK = k * n;
            System.arraycopy(a, rowK + k, row, k, n - k);
            for (int i = 0; i < k; i++) {
                int rowI = i * n;
                double s = u[rowI + k];
                if (s == 0) {
                    continue;
                }
                for (int j = k; j < n; j++) {
                    row[j] -= s * u[rowI + j];
                }
            }
            double pivot = row[k];
            if (!(pivot > 0) || Double.isInfinite(pivot)) {
                return null;
            }
            double d = Math.sqrt(pivot);
            double inv = 1 / d;
            u[rowK + k] = d;
            for (int j = k + 1; j < n; j++) {
                u[rowK + j] = row[j] * inv;
            }
        }
        return new Cholesky(n, u);
    }

    /** The factor U (row-major, zeros below the diagonal); a copy. */
    double[] upper() {
        return u.clone();
    }

    /** log det A = 2 Σ log U_ii. */
    double logDeterminant() {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log(u[i * n + i]);
        }
        return 2 * s;
    }

    /** Solves Uᵀ v = b in place (v = L⁻¹ b). */
    void forwardInPlace(double[] b) {
        for (int j = 0; j < n; j++) {
            int rowJ = j * n;
            double vj = b[j] / u[rowJ + j];
            b[j] = vj;
            if (vj == 0) {
                continue;
            }
            for (int i = j + 1; i < n; i++) {
                b[i] -= vj * u[rowJ + i];
            }
        }
    }

    /** Solves U w = v in place (w = U⁻¹ v). */
    void backwardInPlace(double[] v) {
        for (int i = n - 1; i >= 0; i--) {
            int rowI = i * n;
            v[i] = (v[i] - dot(u, rowI + i + 1, v, i + 1, n - i - 1)) / u[rowI + i];
        }
    }

    /**
     * Σ a[aFrom + k] b[bFrom + k] for k < length, with four running sums so that the additions do
     * not wait on each other (the JIT does not vectorize a floating-point sum).
     */
    static double dot(double[] a, int aFrom, double[] b, int bFrom, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < length; k += 4) {
            s0 += a[aFrom + k] * b[bFrom + k];
            s1 += a[aFrom + k + 1] * b[bFrom + k + 1];
            s2 += a[aFrom + k + 2] * b[bFrom + k + 2];
            s3 += a[aFrom + k + 3] * b[bFrom + k + 3];
        }
        for (; k < length; k++) {
            s0 += a[aFrom + k] * b[bFrom + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** A⁻¹ b, as a new array. */
    double[] solve(double[] b) {
        double[] x = b.clone();
        forwardInPlace(x);
        backwardInPlace(x);
        return x;
    }

    /**
     * Solves Uᵀ V = B in place for m right-hand sides at once: {@code b} is n×m row-major (row i
     * holds the i-th component of every right-hand side), so the inner loop runs over m.
     */
    void forwardInPlace(double[] b, int m) {
        for (int j = 0; j < n; j++) {
            int rowJ = j * n;
            int bj = j * m;
            double inv = 1 / u[rowJ + j];
            for (int c = 0; c < m; c++) {
                b[bj + c] *= inv;
            }
            for (int i = j + 1; i < n; i++) {
                double s = u[rowJ + i];
                if (s == 0) {
                    continue;
                }
                int bi = i * m;
                for (int c = 0; c < m; c++) {
                    b[bi + c] -= s * b[bj + c];
                }
            }
        }
    }

    /** A⁻¹ as a full symmetric n×n row-major matrix. */
    double[] inverse() {
        return inverse(true);
    }

    /** A⁻¹ row-major; only its upper triangle (diagonal included) is filled unless {@code full}. */
    double[] inverse(boolean full) {
        // V = U⁻¹ is upper triangular; row i of V = (e_i - Σ_{j>i} U_ij V_j) / U_ii, built bottom up.
        double[] v = new double[n * n];
        double[] row = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            int rowI = i * n;
            java.util.Arrays.fill(row, i, n, 0);
            row[i] = 1;
            for (int j = i + 1; j < n; j++) {
                double s = u[rowI + j];
                if (s == 0) {
                    continue;
                }
                int rowJ = j * n;
                for (int c = j; c < n; c++) {
                    row[c] -= s * v[rowJ + c];
                }
            }
            double inv = 1 / u[rowI + i];
            for (int c = i; c < n; c++) {
                v[rowI + c] = row[c] * inv;
            }
        }
        // A⁻¹ = V Vᵀ: (A⁻¹)_ab = Σ_{k >= b} V_ak V_bk for a <= b, a dot product of two rows of V.
        double[] inverse = new double[n * n];
        for (int a = 0; a < n; a++) {
            int rowA = a * n;
            for (int b = a; b < n; b++) {
                inverse[rowA + b] = dot(v, rowA + b, v, b * n + b, n - b);
            }
        }
        if (full) {
            for (int a = 0; a < n; a++) {
                for (int b = a + 1; b < n; b++) {
                    inverse[b * n + a] = inverse[a * n + b];
                }
            }
        }
        return inverse;
    }
}

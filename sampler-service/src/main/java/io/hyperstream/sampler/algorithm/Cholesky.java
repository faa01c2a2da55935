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
        double[] u = a.clone();
        for (int k = 0; k < n; k++) {
            int rowK = k * n;
            double pivot = u[rowK + k];
            if (!(pivot > 0) || Double.isInfinite(pivot)) {
                return null;
            }
            double d = Math.sqrt(pivot);
            u[rowK + k] = d;
            double inv = 1 / d;
            for (int j = k + 1; j < n; j++) {
                u[rowK + j] *= inv;
            }
            for (int i = k + 1; i < n; i++) {
                double s = u[rowK + i];
                if (s == 0) {
                    continue;
                }
                int rowI = i * n;
                for (int j = i; j < n; j++) {
                    u[rowI + j] -= s * u[rowK + j];
                }
            }
        }
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                u[i * n + j] = 0;
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
        // W = L⁻¹ is lower triangular: row i of W = (e_i - Σ_{j<i} L_ij W_j) / L_ii, with L_ij = U_ji.
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++) {
            int rowI = i * n;
            w[rowI + i] = 1;
        }
        for (int j = 0; j < n; j++) {
            int rowJ = j * n;
            double inv = 1 / u[rowJ + j];
            for (int c = 0; c <= j; c++) {
                w[rowJ + c] *= inv;
            }
            for (int i = j + 1; i < n; i++) {
                double s = u[rowJ + i];
                if (s == 0) {
                    continue;
                }
                int rowI = i * n;
                for (int c = 0; c <= j; c++) {
                    w[rowI + c] -= s * w[rowJ + c];
                }
            }
        }
        // A⁻¹ = Wᵀ W = Σ_i (row i of W)ᵀ (row i of W); only the upper triangle is accumulated.
        double[] inv = new double[n * n];
        for (int i = 0; i < n; i++) {
            int rowI = i * n;
            for (int a = 0; a <= i; a++) {
                double s = w[rowI + a];
                if (s == 0) {
                    continue;
                }
                int rowA = a * n;
                for (int b = a; b <= i; b++) {
                    inv[rowA + b] += s * w[rowI + b];
                }
            }
        }
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                inv[b * n + a] = inv[a * n + b];
            }
        }
        return inv;
    }
}

package io.hyperstream.sampler.algorithm;

import java.util.List;
import java.util.SplittableRandom;

/**
 * How NSGA-II blends the numeric parameters of its parents into a child, as the crossovers of
 * Optuna's {@code samplers/nsgaii/_crossovers}. Points are in {@link SearchDimension} coordinates
 * (logarithms for log-scaled parameters, bounds widened by half a step for integer and stepped
 * ones). A child may fall outside the bounds; the sampler then tries other parents.
 */
public sealed interface Crossover {

    /** The crossover names a spec may give, in Optuna's order. */
    List<String> NAMES = List.of("uniform", "blxalpha", "sbx", "vsbx", "spx", "undx");

    /** The name a spec gives this crossover by ({@code sampler.options.crossover}). */
    String name();

    /** The number of parents this crossover blends. */
    int parents();

    /**
     * A child point.
     *
     * @param parents        one point per parent, each with one coordinate per dimension
     * @param low            the dimensions' lower bounds
     * @param high           the dimensions' upper bounds
     * @param multiObjective whether the study has several objectives (changes SBX's default eta)
     */
    double[] cross(double[][] parents, double[] low, double[] high, boolean multiObjective, SplittableRandom random);

    /** Each coordinate from the first parent, or with {@code swappingProb} from the second. */
    record Uniform(double swappingProb) implements Crossover {
        @Override
        public String name() {
            return "uniform";
        }

        @Override
        public int parents() {
            return 2;
        }

        @Override
        public double[] cross(double[][] parents, double[] low, double[] high, boolean multiObjective,
                              SplittableRandom random) {
            double[] child = new double[low.length];
            for (int i = 0; i < child.length; i++) {
                child[i] = random.nextDouble() >= swappingProb ? parents[1][i] : parents[0][i];
            }
            return child;
        }
    }

    /**
     * Blend crossover (Eshelman and Schaffer, 1992): each coordinate uniform in the parents'
     * interval widened by {@code alpha} times its length on each side.
     */
    record BlxAlpha(double alpha) implements Crossover {
        @Override
        public String name() {
            return "blxalpha";
        }

        @Override
        public int parents() {
            return 2;
        }

        @Override
        public double[] cross(double[][] parents, double[] low, double[] high, boolean multiObjective,
                              SplittableRandom random) {
            double[] child = new double[low.length];
            for (int i = 0; i < child.length; i++) {
                double min = Math.min(parents[0][i], parents[1][i]);
                double max = Math.max(parents[0][i], parents[1][i]);
                double spread = alpha * (max - min);
                child[i] = min - spread + random.nextDouble() * (max - min + 2 * spread);
            }
            return child;
        }
    }

    /**
     * Simulated binary crossover (Deb and Agrawal, 1995) with the bounded spread of Optuna's
     * {@code SBXCrossover}, so children stay inside the bounds; each coordinate is, with even
     * odds, one of the two SBX offspring values or one of the parents' values.
     *
     * @param eta distribution index (larger keeps children nearer their parents); null for
     *            Optuna's default, 20 with several objectives and 2 with one
     */
    record Sbx(Double eta) implements Crossover {
        @Override
        public String name() {
            return "sbx";
        }

        @Override
        public int parents() {
            return 2;
        }

        @Override
        public double[] cross(double[][] parents, double[] low, double[] high, boolean multiObjective,
                              SplittableRandom random) {
            double e = eta != null ? eta : multiObjective ? 20.0 : 2.0;
            double exponent = 1 / (e + 1);
            double[] child = new double[low.length];
            for (int i = 0; i < child.length; i++) {
                double min = Math.min(parents[0][i], parents[1][i]);
                double max = Math.max(parents[0][i], parents[1][i]);
                double diff = Math.max(max - min, 1e-10);
                double alpha1 = 2 - Math.pow(1 + 2 * (min - low[i]) / diff, -(e + 1));
                double alpha2 = 2 - Math.pow(1 + 2 * (high[i] - max) / diff, -(e + 1));
                double u = random.nextDouble();
                double betaq1 = u > 1 / alpha1 ? Math.pow(1 / (2 - u * alpha1), exponent) : Math.pow(u * alpha1, exponent);
                double betaq2 = u > 1 / alpha2 ? Math.pow(1 / (2 - u * alpha2), exponent) : Math.pow(u * alpha2, exponent);
                double c1 = 0.5 * ((min + max) - betaq1 * diff);
                double c2 = 0.5 * ((min + max) + betaq2 * diff);
                child[i] = pick(random, c1, c2, parents[0][i], parents[1][i]);
            }
            return child;
        }
    }

    /**
     * Modified SBX (Ballester and Carter, 2003), which can reach any region of the space, as
     * Optuna's {@code VSBXCrossover}; same choice between offspring and parent values as SBX.
     *
     * @param eta distribution index; null for 20 with several objectives and 2 with one
     */
    record Vsbx(Double eta) implements Crossover {
        @Override
        public String name() {
            return "vsbx";
        }

        @Override
        public int parents() {
            return 2;
        }

        @Override
        public double[] cross(double[][] parents, double[] low, double[] high, boolean multiObjective,
                              SplittableRandom random) {
            double e = eta != null ? eta : multiObjective ? 20.0 : 2.0;
            double exponent = 1 / (e + 1);
            double[] child = new double[low.length];
            for (int i = 0; i < child.length; i++) {
                double x1 = parents[0][i];
                double x2 = parents[1][i];
                double u = random.nextDouble();
                double beta1 = Math.pow(0.5 * u, exponent);
                double beta2 = Math.pow(0.5 * (1 - u), exponent);
                double c1;
                double c2;
                if (u > 0.5) {
                    c1 = 0.5 * ((1 - beta1) * x1 + (1 + beta1) * x2);
                    c2 = 0.5 * (-(1 - beta2) * x1 + (3 - beta2) * x2);
                } else {
                    c1 = 0.5 * ((1 + beta1) * x1 + (1 - beta1) * x2);
                    c2 = 0.5 * ((3 - beta2) * x1 - (1 - beta2) * x2);
                }
                child[i] = pick(random, c1, c2, x1, x2);
            }
            return child;
        }
    }

    /**
     * Simplex crossover (Tsutsui et al., 2000): a point drawn uniformly from the parents' simplex
     * expanded by {@code epsilon} around its centre.
     *
     * @param epsilon expansion rate; null for sqrt(dimensions + 2)
     */
    record Spx(Double epsilon) implements Crossover {
        @Override
        public String name() {
            return "spx";
        }

        @Override
        public int parents() {
            return 3;
        }

        @Override
        public double[] cross(double[][] parents, double[] low, double[] high, boolean multiObjective,
                              SplittableRandom random) {
            int d = low.length;
            int n = parents.length - 1;
            double eps = epsilon != null ? epsilon : Math.sqrt(d + 2);
            double[] centre = new double[d];
            for (double[] p : parents) {
                for (int i = 0; i < d; i++) {
                    centre[i] += p[i] / parents.length;
                }
            }
            double[][] expanded = new double[parents.length][d];
            for (int k = 0; k < parents.length; k++) {
                for (int i = 0; i < d; i++) {
                    expanded[k][i] = centre[i] + eps * (parents[k][i] - centre[i]);
                }
            }
            double[] r = new double[n];
            for (int k = 0; k < n; k++) {
                r[k] = Math.pow(random.nextDouble(), 1.0 / (k + 1));
            }
            double[] c = new double[d];
            for (int k = 1; k <= n; k++) {
                for (int i = 0; i < d; i++) {
                    c[i] = r[k - 1] * (expanded[k - 1][i] - expanded[k][i] + c[i]);
                }
            }
            double[] child = new double[d];
            for (int i = 0; i < d; i++) {
                child[i] = expanded[n][i] + c[i];
            }
            return child;
        }
    }

    /**
     * Unimodal normal distribution crossover (Kita, Ono and Kobayashi, 1999): a normal spread
     * along the line through the first two parents and, scaled by the third parent's distance
     * from that line, across it.
     *
     * <p>As Optuna 3.1, {@code sigma_xi} and {@code sigma_eta} are squared to give the standard
     * deviations, so that the same options give the same spread as there.
     *
     * @param sigmaEta null for 0.35 / sqrt(dimensions)
     */
    record Undx(double sigmaXi, Double sigmaEta) implements Crossover {
        @Override
        public String name() {
            return "undx";
        }

        @Override
        public int parents() {
            return 3;
        }

        @Override
        public double[] cross(double[][] parents, double[] low, double[] high, boolean multiObjective,
                              SplittableRandom random) {
            int n = low.length;
            double sEta = sigmaEta != null ? sigmaEta : 0.35 / Math.sqrt(n);
            double[] x1 = parents[0];
            double[] x2 = parents[1];
            double[] x3 = parents[2];
            double[] etas = new double[n];
            for (int i = 0; i < n; i++) {
                etas[i] = random.nextGaussian() * sEta * sEta;
            }
            double xi = random.nextGaussian() * sigmaXi * sigmaXi;
            double[] child = new double[n];
            for (int i = 0; i < n; i++) {
                child[i] = (x1[i] + x2[i]) / 2 + xi * (x1[i] - x2[i]);
            }
            if (n == 1) {
                return child;
            }
            double[] line = new double[n];
            for (int i = 0; i < n; i++) {
                line[i] = x2[i] - x1[i];
            }
            double length = Math.max(norm(line), 1e-10);
            for (int i = 0; i < n; i++) {
                line[i] /= length;
            }
            double[] toThird = new double[n];
            for (int i = 0; i < n; i++) {
                toThird[i] = x3[i] - x1[i];
            }
            double along = dot(toThird, line);
            for (int i = 0; i < n; i++) {
                toThird[i] -= along * line[i];
            }
            double distance = norm(toThird);
            double[][] across = orthonormalComplement(line);
            for (int k = 0; k < n - 1; k++) {
                for (int i = 0; i < n; i++) {
                    child[i] += distance * etas[k] * across[k][i];
                }
            }
            return child;
        }

        /**
         * n - 1 orthonormal vectors orthogonal to {@code direction} (Gram-Schmidt from the unit
         * vectors); to the first unit vector when the direction is zero, as Optuna.
         */
        static double[][] orthonormalComplement(double[] direction) {
            int n = direction.length;
            double[][] basis = new double[n][];
            int size = 0;
            double[] first = direction.clone();
            double firstLength = norm(first);
            if (firstLength == 0) {
                first[0] = 1;
            } else {
                for (int i = 0; i < n; i++) {
                    first[i] /= firstLength;
                }
            }
            basis[size++] = first;
            for (int k = 0; k < n && size < n; k++) {
                double[] v = new double[n];
                v[k] = 1;
                for (int b = 0; b < size; b++) {
                    double projection = dot(v, basis[b]);
                    for (int i = 0; i < n; i++) {
                        v[i] -= projection * basis[b][i];
                    }
                }
                double length = norm(v);
                if (length > 1e-8) {
                    for (int i = 0; i < n; i++) {
                        v[i] /= length;
                    }
                    basis[size++] = v;
                }
            }
            double[][] complement = new double[n - 1][];
            System.arraycopy(basis, 1, complement, 0, n - 1);
            return complement;
        }

        private static double dot(double[] a, double[] b) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += a[i] * b[i];
            }
            return s;
        }

        private static double norm(double[] a) {
            return Math.sqrt(dot(a, a));
        }
    }

    /**
     * SBX's rule for one coordinate: with even odds an offspring value (either one) or a parent's
     * value (either one), because Optuna breeds one child where the original breeds two.
     */
    private static double pick(SplittableRandom random, double c1, double c2, double x1, double x2) {
        if (random.nextDouble() < 0.5) {
            return random.nextDouble() < 0.5 ? c1 : c2;
        }
        return random.nextDouble() < 0.5 ? x1 : x2;
    }
}

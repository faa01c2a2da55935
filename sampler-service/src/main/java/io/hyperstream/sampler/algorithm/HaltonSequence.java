package io.hyperstream.sampler.algorithm;

import java.util.SplittableRandom;

/**
 * Halton points, as {@code scipy.stats.qmc.Halton}: coordinate d is the radical inverse of the
 * index in the d-th prime base (2, 3, 5, ...), so point 0 is the origin. Scrambled, every digit
 * position of every base gets a random permutation of the digits (Owen's randomized Halton), over
 * as many digit positions as a double can tell apart, as scipy does.
 */
final class HaltonSequence implements LowDiscrepancySequence {

    private final int[] bases;
    /** permutations[d][j][digit], or null for the plain sequence. */
    private final int[][][] permutations;

    private HaltonSequence(int[] bases, int[][][] permutations) {
        this.bases = bases;
        this.permutations = permutations;
    }

    /** The plain sequence, the same for everyone. */
    static HaltonSequence of(int dimensions) {
        return new HaltonSequence(primes(dimensions), null);
    }

    /** A randomized copy of the sequence, determined by {@code random}. */
    static HaltonSequence scrambled(int dimensions, SplittableRandom random) {
        int[] bases = primes(dimensions);
        int[][][] permutations = new int[dimensions][][];
        for (int d = 0; d < dimensions; d++) {
            int base = bases[d];
            // Digits beyond this position change a double in [0, 1) no more (base^-k <= 2^-54).
            int positions = (int) Math.ceil(54 / (Math.log(base) / Math.log(2))) - 1;
            permutations[d] = new int[positions][];
            for (int j = 0; j < positions; j++) {
                permutations[d][j] = shuffled(base, random);
            }
        }
        return new HaltonSequence(bases, permutations);
    }

    @Override
    public int dimensions() {
        return bases.length;
    }

    @Override
    public double[] point(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("a Halton point index must be >= 0, but got " + index);
        }
        double[] x = new double[bases.length];
        for (int d = 0; d < bases.length; d++) {
            x[d] = permutations == null ? radicalInverse(index, bases[d]) : scrambledInverse(index, bases[d], permutations[d]);
        }
        return x;
    }

    /** The digits of {@code index} in {@code base}, mirrored after the radix point (summed as scipy sums them). */
    private static double radicalInverse(long index, int base) {
        double x = 0;
        double weight = 1.0 / base;
        for (long q = index; q > 0; q /= base) {
            x += (q % base) * weight;
            weight /= base;
        }
        return x;
    }

    private static double scrambledInverse(long index, int base, int[][] permutations) {
        double x = 0;
        double weight = 1.0 / base;
        long q = index;
        for (int[] permutation : permutations) {
            x += permutation[(int) (q % base)] * weight;
            weight /= base;
            q /= base;
        }
        return Math.min(x, Math.nextDown(1.0));
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The first {@code n} primes. */
    static int[] primes(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Halton points need at least 1 dimension, but got " + n);
        }
        int[] primes = new int[n];
        int count = 0;
        for (int candidate = 2; count < n; candidate++) {
            boolean prime = true;
            for (int i = 0; i < count && primes[i] * primes[i] <= candidate; i++) {
                if (candidate % primes[i] == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                primes[count++] = candidate;
            }
        }
        return primes;
    }
}

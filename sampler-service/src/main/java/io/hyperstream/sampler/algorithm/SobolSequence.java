package io.hyperstream.sampler.algorithm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sobol' points with the direction numbers of Joe and Kuo ({@code new-joe-kuo-6.21201}), 30 bits,
 * in Gray-code order, as {@code scipy.stats.qmc.Sobol}: point 0 is the origin, point 1 the centre.
 * Scrambled, each dimension gets a random linear matrix scramble of its direction numbers and a
 * random digital shift (LMS+shift, Matousek 1998), the randomization scipy applies; it keeps the
 * balance of the points (every 2^k consecutive points from index 0 fill each elementary interval
 * of the first k bits once).
 */
final class SobolSequence implements LowDiscrepancySequence {

    /** The bits of every coordinate, scipy's default: at most 2^30 distinct points. */
    static final int BITS = 30;
    /** The dimensions of the embedded direction numbers. */
    static final int MAX_DIMENSIONS = 1111;
    static final long MAX_POINTS = 1L << BITS;

    private static final double SCALE = 1.0 / (1L << BITS);
    private static final String RESOURCE = "new-joe-kuo-6.21201-first-1111.txt";

    /** directions[d][j]: the j-th direction number of dimension d, as a BITS-bit binary fraction. */
    private final int[][] directions;
    private final int[] shift;

    private SobolSequence(int[][] directions, int[] shift) {
        this.directions = directions;
        this.shift = shift;
    }

    /** The plain sequence, the same for everyone. */
    static SobolSequence of(int dimensions) {
        return new SobolSequence(directionNumbers(dimensions), new int[dimensions]);
    }

    /** A randomized copy of the sequence, determined by {@code random}. */
    static SobolSequence scrambled(int dimensions, SplittableRandom random) {
        int[][] plain = directionNumbers(dimensions);
        int[][] scrambled = new int[dimensions][BITS];
        int[] shift = new int[dimensions];
        for (int d = 0; d < dimensions; d++) {
            // Row i of a random lower-triangular binary matrix with a unit diagonal, acting on the
            // digits of a number from the most significant one: digit i becomes itself plus a
            // random choice of the digits above it (mod 2). Such a matrix is invertible on every
            // prefix of digits, so elementary intervals are mapped onto elementary intervals.
            int[] rows = new int[BITS];
            for (int i = 0; i < BITS; i++) {
                int own = 1 << (BITS - 1 - i);
                int above = ~((own << 1) - 1) & ((1 << BITS) - 1);
                rows[i] = own | (random.nextInt() & above);
            }
            for (int j = 0; j < BITS; j++) {
                int v = plain[d][j];
                int w = 0;
                for (int i = 0; i < BITS; i++) {
                    if ((Integer.bitCount(rows[i] & v) & 1) == 1) {
                        w |= 1 << (BITS - 1 - i);
                    }
                }
                scrambled[d][j] = w;
            }
            shift[d] = random.nextInt(1 << BITS);
        }
        return new SobolSequence(scrambled, shift);
    }

    @Override
    public int dimensions() {
        return directions.length;
    }

    @Override
    public double[] point(long index) {
        if (index < 0 || index >= MAX_POINTS) {
            throw new IllegalArgumentException("a Sobol' point index must be in 0.." + (MAX_POINTS - 1) + ", but got " + index);
        }
        long gray = index ^ (index >>> 1);
        double[] x = new double[directions.length];
        for (int d = 0; d < directions.length; d++) {
            int bits = shift[d];
            for (int j = 0; j < BITS; j++) {
                if ((gray >>> j & 1) == 1) {
                    bits ^= directions[d][j];
                }
            }
            x[d] = bits * SCALE;
        }
        return x;
    }

    /** The direction numbers of the first {@code dimensions} dimensions, from the embedded table. */
    static int[][] directionNumbers(int dimensions) {
        if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("Sobol' points have 1.." + MAX_DIMENSIONS + " dimensions here, but "
                    + dimensions + " were asked for");
        }
        int[][] v = new int[dimensions][];
        long[] allOnes = new long[BITS];
        Arrays.fill(allOnes, 1);
        v[0] = scale(allOnes);
        List<long[]> rows = Table.ROWS;
        for (int d = 1; d < dimensions; d++) {
            long[] row = rows.get(d - 1);
            int s = (int) row[1];
            long a = row[2];
            long[] m = new long[BITS];
            for (int j = 0; j < Math.min(s, BITS); j++) {
                m[j] = row[3 + j];
            }
            // Bratley and Fox's recurrence: m_j = 2 a_1 m_{j-1} ^ 4 a_2 m_{j-2} ^ ... ^ 2^s m_{j-s} ^ m_{j-s}.
            for (int j = s; j < BITS; j++) {
                long next = m[j - s] ^ (m[j - s] << s);
                for (int k = 1; k < s; k++) {
                    if ((a >>> (s - 1 - k) & 1) == 1) {
                        next ^= m[j - k] << k;
                    }
                }
                m[j] = next;
            }
            v[d] = scale(m);
        }
        return v;
    }

    /** m_j (an odd number below 2^(j+1)) as the binary fraction m_j / 2^(j+1), on BITS bits. */
    private static int[] scale(long[] m) {
        int[] v = new int[BITS];
        for (int j = 0; j < BITS; j++) {
            v[j] = (int) (m[j] << (BITS - 1 - j));
        }
        return v;
    }

    /** The embedded table, read once: rows "d s a m_1 .. m_s" for d = 2, 3, ... */
    private static final class Table {
        static final List<long[]> ROWS = read();

        private static List<long[]> read() {
            InputStream in = SobolSequence.class.getResourceAsStream(RESOURCE);
            if (in == null) {
                throw new IllegalStateException("the Sobol' direction numbers " + RESOURCE + " are missing from the class path");
            }
            List<long[]> rows = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    line = line.strip();
                    if (line.isEmpty() || line.startsWith("#") || line.startsWith("d ")) {
                        continue;
                    }
                    String[] fields = line.split("\\s+");
                    long[] row = new long[fields.length];
                    for (int i = 0; i < fields.length; i++) {
                        row[i] = Long.parseLong(fields[i]);
                    }
                    if (row[0] != rows.size() + 2 || row.length != 3 + row[1]) {
                        throw new IllegalStateException(RESOURCE + ": malformed row '" + line + "'");
                    }
                    rows.add(row);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (rows.size() != MAX_DIMENSIONS - 1) {
                throw new IllegalStateException(RESOURCE + " holds " + (rows.size() + 1) + " dimensions, expected " + MAX_DIMENSIONS);
            }
            return List.copyOf(rows);
        }
    }
}

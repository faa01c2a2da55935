package io.hyperstream.results.dashboard.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Ways of drawing fewer points than a series holds while keeping what the eye looks for. */
public final class Downsampling {

    private Downsampling() {
    }

    /**
     * Largest-Triangle-Three-Buckets (Steinarsson, 2013): the indices of at most {@code max}
     * points of a curve, the first and the last always among them, chosen so that the drawn line
     * keeps the curve's peaks and turns.
     */
    public static int[] lttb(double[] xs, double[] ys, int max) {
        int n = xs.length;
        if (max >= n || n <= 2) {
            return range(n);
        }
        if (max < 3) {
            return max <= 1 ? new int[] {0} : new int[] {0, n - 1};
        }
        int[] kept = new int[max];
        kept[0] = 0;
        double every = (double) (n - 2) / (max - 2);
        int a = 0;
        for (int i = 0; i < max - 2; i++) {
            int nextStart = (int) Math.floor((i + 1) * every) + 1;
            int nextEnd = Math.min((int) Math.floor((i + 2) * every) + 1, n);
            double avgX = 0;
            double avgY = 0;
            for (int j = nextStart; j < nextEnd; j++) {
                avgX += xs[j];
                avgY += ys[j];
            }
            int count = Math.max(1, nextEnd - nextStart);
            avgX /= count;
            avgY /= count;
            int start = (int) Math.floor(i * every) + 1;
            int end = (int) Math.floor((i + 1) * every) + 1;
            double bestArea = -1;
            int best = start;
            for (int j = start; j < end; j++) {
                double area = Math.abs((xs[a] - avgX) * (ys[j] - ys[a]) - (xs[a] - xs[j]) * (avgY - ys[a]));
                if (area > bestArea) {
                    bestArea = area;
                    best = j;
                }
            }
            kept[i + 1] = best;
            a = best;
        }
        kept[max - 1] = n - 1;
        return kept;
    }

    /** At most {@code max} indices of {@code 0..n-1}, evenly spaced, the first and the last included. */
    public static int[] stride(int n, int max) {
        if (max >= n) {
            return range(n);
        }
        if (max <= 1) {
            return max == 1 ? new int[] {0} : new int[0];
        }
        TreeSet<Integer> picked = new TreeSet<>();
        for (int i = 0; i < max; i++) {
            picked.add((int) Math.round(i * (n - 1) / (double) (max - 1)));
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The indices of the lowest and the highest value in each of {@code buckets} consecutive runs
     * of a series: the envelope of a scatter that has too many points to draw.
     */
    public static List<Integer> minMaxBuckets(double[] ys, int buckets) {
        int n = ys.length;
        List<Integer> kept = new ArrayList<>();
        if (n == 0 || buckets <= 0) {
            return kept;
        }
        buckets = Math.min(buckets, n);
        for (int b = 0; b < buckets; b++) {
            int start = (int) ((long) b * n / buckets);
            int end = (int) ((long) (b + 1) * n / buckets);
            int low = start;
            int high = start;
            for (int i = start + 1; i < end; i++) {
                if (ys[i] < ys[low]) {
                    low = i;
                }
                if (ys[i] > ys[high]) {
                    high = i;
                }
            }
            kept.add(Math.min(low, high));
            if (low != high) {
                kept.add(Math.max(low, high));
            }
        }
        return kept;
    }

    private static int[] range(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }
}

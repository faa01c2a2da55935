package io.hyperstream.results.dashboard.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownsamplingTest {

    @Test
    void lttbKeepsTheEndsAndTheSpikeOfALongCurve() {
        int n = 1000;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i;
            ys[i] = Math.exp(-i / 100.0);
        }
        ys[437] = 5;
        int[] kept = Downsampling.lttb(xs, ys, 50);
        assertThat(kept).hasSize(50).startsWith(0).endsWith(n - 1).contains(437);
        assertThat(kept).isSorted();
    }

    @Test
    void lttbKeepsEverythingWhenTheCurveIsShort() {
        assertThat(Downsampling.lttb(new double[] {1, 2, 3}, new double[] {3, 2, 1}, 10)).containsExactly(0, 1, 2);
    }

    @Test
    void strideIsEvenAndIncludesBothEnds() {
        assertThat(Downsampling.stride(11, 3)).containsExactly(0, 5, 10);
        assertThat(Downsampling.stride(4, 10)).containsExactly(0, 1, 2, 3);
        assertThat(Downsampling.stride(5, 0)).isEmpty();
    }

    @Test
    void minMaxBucketsKeepTheExtremesOfEachRun() {
        double[] ys = {5, 1, 9, 3, 7, 0, 4, 8};
        List<Integer> kept = Downsampling.minMaxBuckets(ys, 2);
        assertThat(kept).containsExactly(1, 2, 5, 7);
        assertThat(Arrays.stream(new int[] {1, 2, 5, 7}).mapToDouble(i -> ys[i]).toArray()).containsExactly(1, 9, 0, 8);
    }
}

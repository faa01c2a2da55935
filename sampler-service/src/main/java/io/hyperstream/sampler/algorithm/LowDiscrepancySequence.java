package io.hyperstream.sampler.algorithm;

/** A quasi-random sequence of points in [0, 1)^d, each addressed by its index from 0. */
sealed interface LowDiscrepancySequence permits SobolSequence, HaltonSequence {

    /** The number of coordinates of every point. */
    int dimensions();

    /** The point at {@code index} (from 0). */
    double[] point(long index);
}

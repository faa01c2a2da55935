package io.hyperstream.trainer.mlp;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cpu.nativecpu.CpuTADManager;

/**
 * ND4J's tensor-along-dimension manager with its cache back.
 *
 * <p>Every broadcast or reduction along a dimension (a layer's bias add, its bias gradient) asks
 * for the sub-array layout of its input. ND4J 1.0.0-M2.1 keeps the layouts in native memory for
 * good, but wraps them in two new tracked Java buffers on every call (its Java cache is commented
 * out). The layout depends only on the array's shape information and the dimensions, so one
 * wrapper pair per distinct (shape, dimensions) serves every later call.
 */
final class CachingTadManager extends CpuTADManager {

    /** Distinct layouts kept at most; beyond that, ND4J's own path. */
    static final int MAX_ENTRIES = 20_000;

    private final ConcurrentHashMap<Key, Pair<DataBuffer, DataBuffer>> cache = new ConcurrentHashMap<>();
    private final AtomicInteger entries = new AtomicInteger();

    @Override
    public Pair<DataBuffer, DataBuffer> getTADOnlyShapeInfo(INDArray array, int[] dimension) {
        if (dimension != null && dimension.length > 1) {
            Arrays.sort(dimension);
        }
        int[] dims = dimension == null ? new int[] {Integer.MAX_VALUE} : dimension;
        Key key = new Key(array.shapeInfoJava(), dims);
        Pair<DataBuffer, DataBuffer> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Pair<DataBuffer, DataBuffer> created = super.getTADOnlyShapeInfo(array, dims);
        if (entries.get() < MAX_ENTRIES) {
            Pair<DataBuffer, DataBuffer> previous = cache.putIfAbsent(new Key(array.shapeInfoJava().clone(), dims.clone()),
                    created);
            if (previous != null) {
                return previous;
            }
            entries.incrementAndGet();
        }
        return created;
    }

    /** Layouts cached so far. */
    int size() {
        return cache.size();
    }

    /** Shape information and dimensions, compared by value. */
    private static final class Key {
        private final long[] shapeInfo;
        private final int[] dimensions;
        private final int hash;

        Key(long[] shapeInfo, int[] dimensions) {
            this.shapeInfo = shapeInfo;
            this.dimensions = dimensions;
            this.hash = 31 * Arrays.hashCode(shapeInfo) + Arrays.hashCode(dimensions);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.hash == hash && Arrays.equals(k.shapeInfo, shapeInfo)
                    && Arrays.equals(k.dimensions, dimensions);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}

package io.hyperstream.trainer.mlp;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.cpu.nativecpu.DirectShapeInfoProvider;

/**
 * ND4J's shape-information provider with the cache extended to the call every new array makes.
 *
 * <p>ND4J 1.0.0-M2.1 caches shape descriptors only for one of its two entry points; the one
 * {@code BaseNDArray}'s constructors use allocates a fresh native shape buffer (two JavaCPP
 * pointers and a tracked buffer, each freed later through garbage-collector references) for every
 * array, view and op result. Training a small network creates hundreds of arrays per minibatch,
 * so that bookkeeping, not arithmetic, dominated an epoch. Shape buffers are immutable constants
 * in ND4J (the built-in cache shares them the same way), so one per distinct shape is enough.
 * Installed through ND4J's {@code shapeinfoprovider} backend property by {@link Nd4jSetup}.
 */
public class CachingShapeInfoProvider extends DirectShapeInfoProvider {

    /** Distinct shapes kept at most; beyond that, shapes are created as ND4J does, uncached. */
    static final int MAX_ENTRIES = 20_000;

    private final ConcurrentHashMap<Key, Pair<DataBuffer, long[]>> cache = new ConcurrentHashMap<>();
    private final AtomicInteger entries = new AtomicInteger();

    @Override
    public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, long[] stride, long elementWiseStride, char order,
                                                           DataType dataType, boolean empty) {
        Key key = new Key(shape, stride, elementWiseStride, order, dataType, empty);
        Pair<DataBuffer, long[]> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Pair<DataBuffer, long[]> created = super.createShapeInformation(shape, stride, elementWiseStride, order, dataType,
                empty);
        if (entries.get() < MAX_ENTRIES) {
            // Copies: callers may reuse the arrays they passed in.
            Pair<DataBuffer, long[]> previous = cache.putIfAbsent(new Key(shape.clone(), stride.clone(), elementWiseStride,
                    order, dataType, empty), created);
            if (previous != null) {
                return previous;
            }
            entries.incrementAndGet();
        }
        return created;
    }

    /** Shapes cached so far. */
    int size() {
        return cache.size();
    }

    /** A shape descriptor compared by value. */
    private static final class Key {
        private final long[] shape;
        private final long[] stride;
        private final long elementWiseStride;
        private final char order;
        private final DataType dataType;
        private final boolean empty;
        private final int hash;

        Key(long[] shape, long[] stride, long elementWiseStride, char order, DataType dataType, boolean empty) {
            this.shape = shape;
            this.stride = stride;
            this.elementWiseStride = elementWiseStride;
            this.order = order;
            this.dataType = dataType;
            this.empty = empty;
            int h = Arrays.hashCode(shape);
            h = 31 * h + Arrays.hashCode(stride);
            h = 31 * h + Long.hashCode(elementWiseStride);
            h = 31 * h + order;
            h = 31 * h + dataType.hashCode();
            this.hash = 31 * h + (empty ? 1 : 0);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.hash == hash && k.elementWiseStride == elementWiseStride && k.order == order
                    && k.dataType == dataType && k.empty == empty && Arrays.equals(k.shape, shape)
                    && Arrays.equals(k.stride, stride);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}

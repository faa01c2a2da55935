package io.hyperstream.trainer.mlp;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shuffled minibatches of one trial's training rows, written into the same two pairs of
 * native arrays (full batches and the last, shorter one) for every batch of every epoch: no
 * array is allocated while training, so ND4J has nothing to track, free or collect per batch.
 */
final class Minibatches implements AutoCloseable {

    private final float[] features;
    private final int[] labels;
    private final int featureCount;
    private final int classes;
    private final int batchSize;
    private final int[] order;
    private final SplittableRandom random;
    private final float[] featureBuffer;
    private final float[] labelBuffer;
    private final Batch full;
    private final Batch last;

    /** One batch shape: the arrays DL4J reads, and their native memory. */
    private record Batch(int rows, INDArray features, INDArray labels, FloatPointer featureData, FloatPointer labelData) {

        static Batch of(int rows, int featureCount, int classes) {
            INDArray x = Nd4j.create(DataType.FLOAT, rows, featureCount);
            INDArray y = Nd4j.create(DataType.FLOAT, rows, classes);
            return new Batch(rows, x, y, (FloatPointer) x.data().pointer(), (FloatPointer) y.data().pointer());
        }
    }

    /**
     * @param features row-major standardized training features ({@code rows x featureCount})
     * @param labels   class index of each training row
     * @param seed     seed of the shuffles
     */
    Minibatches(float[] features, int[] labels, int featureCount, int classes, int batchSize, long seed) {
        this.features = features;
        this.labels = labels;
        this.featureCount = featureCount;
        this.classes = classes;
        this.batchSize = Math.min(batchSize, labels.length);
        this.order = new int[labels.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        this.random = new SplittableRandom(seed);
        this.featureBuffer = new float[this.batchSize * featureCount];
        this.labelBuffer = new float[this.batchSize * classes];
        this.full = Batch.of(this.batchSize, featureCount, classes);
        int rest = labels.length % this.batchSize;
        this.last = rest == 0 ? full : Batch.of(rest, featureCount, classes);
    }

    /** Batches per epoch (the last one may be shorter). */
    int count() {
        return (labels.length + batchSize - 1) / batchSize;
    }

    /** Draws a new order of the rows: call at the start of every epoch. */
    void shuffle() {
        StratifiedSplit.shuffle(order, random);
    }

    /** Rows in batch {@code b}. */
    int rows(int b) {
        return batch(b).rows();
    }

    /** Fills batch {@code b} of the current order and returns its features; {@link #labels(int)} then holds its labels. */
    INDArray features(int b) {
        Batch batch = batch(b);
        java.util.Arrays.fill(labelBuffer, 0, batch.rows() * classes, 0f);
        int start = b * batchSize;
        for (int i = 0; i < batch.rows(); i++) {
            int row = order[start + i];
            System.arraycopy(features, row * featureCount, featureBuffer, i * featureCount, featureCount);
            labelBuffer[i * classes + labels[row]] = 1f;
        }
        batch.featureData().put(featureBuffer, 0, batch.rows() * featureCount);
        batch.labelData().put(labelBuffer, 0, batch.rows() * classes);
        return batch.features();
    }

    /** The labels of the batch last filled by {@link #features(int)}. */
    INDArray labels(int b) {
        return batch(b).labels();
    }

    private Batch batch(int b) {
        return b == count() - 1 ? last : full;
    }

    @Override
    public void close() {
        close(full);
        if (last != full) {
            close(last);
        }
    }

    private static void close(Batch batch) {
        batch.features().close();
        batch.labels().close();
    }
}

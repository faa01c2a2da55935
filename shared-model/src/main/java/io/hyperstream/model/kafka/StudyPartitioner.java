package io.hyperstream.model.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition a study's records land on in a topic keyed by study id, as Kafka's default
 * partitioner places them (murmur2 of the key). Topics with the same partition count put a
 * study on the same partition number, which is what lets one sampler instance own all of it.
 */
public final class StudyPartitioner {

    private StudyPartitioner() {
    }

    /** The partition of {@code studyId} in a topic of {@code partitions} partitions. */
    public static int partitionOf(String studyId, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, but got " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(studyId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}

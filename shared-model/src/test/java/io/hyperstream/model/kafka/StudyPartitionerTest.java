package io.hyperstream.model.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class StudyPartitionerTest {

    @Test
    void aStudyLandsOnThePartitionKafkasDefaultPartitionerChooses() {
        for (String id : List.of("branin-1", "s", "a-much-longer-study-id-0123456789", "ünïcode")) {
            for (int partitions : new int[] {1, 3, 12}) {
                assertThat(StudyPartitioner.partitionOf(id, partitions))
                        .as("%s over %d partitions", id, partitions)
                        .isEqualTo(BuiltInPartitioner.partitionForKey(id.getBytes(StandardCharsets.UTF_8), partitions));
            }
        }
    }
}

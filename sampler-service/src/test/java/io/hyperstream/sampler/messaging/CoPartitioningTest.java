package io.hyperstream.sampler.messaging;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.kafka.TopicSetup;
import io.hyperstream.testsupport.TestInfrastructure;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class CoPartitioningTest {

    @Test
    void anInstanceRefusesToStartWhenTheInputTopicsHaveDifferentPartitionCounts() throws Exception {
        String bootstrap = TestInfrastructure.shared().bootstrapServers();
        String p = "mismatch-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        TopicNames topics = new TopicNames(p + "study-commands", p + "trials", p + "trial-events",
                p + "prune-verdicts", p + "study-events", p + "dead-letters");
        Map<String, Integer> partitions = topics.partitions(TopicSetup.TRIAL_PARTITIONS, TopicSetup.OTHER_PARTITIONS);
        partitions.put(topics.trialEvents(), 2);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicSetup.ensureTopics(admin, partitions, (short) 1);
        }
        // Topics that exist keep their counts: creating them again with the standard counts changes nothing.
        TopicSetup.ensureTopics(bootstrap, topics, (short) 1);

        SamplerNode node = new SamplerNode("mismatch", bootstrap, topics, "sampler-" + UUID.randomUUID());
        assertThatThrownBy(node::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("topics " + topics.studyCommands() + " (3 partitions) and "
                        + topics.trialEvents() + " (2 partitions) must have the same number of partitions");
        node.close();
    }
}

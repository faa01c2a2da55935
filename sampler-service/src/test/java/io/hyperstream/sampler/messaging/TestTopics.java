package io.hyperstream.sampler.messaging;

import io.hyperstream.model.kafka.TopicNames;
import io.hyperstream.model.kafka.TopicSetup;
import java.util.List;
import java.util.UUID;

/** Topics of a test's own, so that no other test (nor the service under @QuarkusTest) reads them. */
final class TestTopics {

    private TestTopics() {
    }

    /** Creates Hyperstream's six topics under a fresh prefix, with the standard partition counts. */
    static TopicNames fresh(String bootstrapServers, String prefix) {
        String p = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        TopicNames names = new TopicNames(p + "study-commands", p + "trials", p + "trial-events",
                p + "prune-verdicts", p + "study-events", p + "dead-letters");
        TopicSetup.ensureTopics(bootstrapServers, names, (short) 1);
        return names;
    }

    /** The types of a study's events on the study-events topic, in order. */
    static List<String> types(TopicTail studyEvents, String studyId) {
        return studyEvents.study(studyId).stream().map(j -> j.path("type").asText()).toList();
    }
}

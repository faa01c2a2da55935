package io.hyperstream.model.kafka;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The names of Hyperstream's topics. Services read them from config (keys under
 * {@code hyperstream.topics.}); these are the defaults.
 */
public record TopicNames(String studyCommands, String trials, String trialEvents, String pruneVerdicts,
                         String studyEvents, String deadLetters) {

    public static final String PREFIX = "hyperstream.topics.";

    /** The default names, all with the {@code hpo-} prefix. */
    public static TopicNames defaults() {
        return new TopicNames("hpo-study-commands", "hpo-trials", "hpo-trial-events",
                "hpo-prune-verdicts", "hpo-study-events", "hpo-dead-letters");
    }

    /** Names from properties such as {@code hyperstream.topics.trials}, defaults elsewhere. */
    public static TopicNames from(Properties props) {
        TopicNames d = defaults();
        return new TopicNames(
                props.getProperty(PREFIX + "study-commands", d.studyCommands),
                props.getProperty(PREFIX + "trials", d.trials),
                props.getProperty(PREFIX + "trial-events", d.trialEvents),
                props.getProperty(PREFIX + "prune-verdicts", d.pruneVerdicts),
                props.getProperty(PREFIX + "study-events", d.studyEvents),
                props.getProperty(PREFIX + "dead-letters", d.deadLetters));
    }

    /** Every topic, in a fixed order. */
    public List<String> all() {
        return List.of(studyCommands, trials, trialEvents, pruneVerdicts, studyEvents, deadLetters);
    }

    /**
     * Partitions per topic. The trials topic has more so that many trainers in one consumer
     * group share the work; the others are keyed by study id.
     */
    public Map<String, Integer> partitions(int trialPartitions, int otherPartitions) {
        Map<String, Integer> result = new java.util.LinkedHashMap<>();
        for (String topic : all()) {
            result.put(topic, topic.equals(trials) ? trialPartitions : otherPartitions);
        }
        return result;
    }
}

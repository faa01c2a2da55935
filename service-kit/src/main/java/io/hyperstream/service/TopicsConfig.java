package io.hyperstream.service;

import io.hyperstream.model.kafka.TopicNames;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Names of Hyperstream's topics ({@code hyperstream.topics.*}), the same in every service. */
@ConfigMapping(prefix = "hyperstream.topics")
public interface TopicsConfig {

    /** Topic of StudySubmitted and StopStudyRequested commands. */
    @WithDefault("hpo-study-commands")
    String studyCommands();

    /** Topic of TrialScheduled events: the trainers' work queue. */
    @WithDefault("hpo-trials")
    String trials();

    /** Topic of the trainers' trial events. */
    @WithDefault("hpo-trial-events")
    String trialEvents();

    /** Topic of the pruner's verdicts. */
    @WithDefault("hpo-prune-verdicts")
    String pruneVerdicts();

    /** Topic of StudyAccepted, StudyRejected and StudyCompleted events. */
    @WithDefault("hpo-study-events")
    String studyEvents();

    /** Topic of messages that could not be read. */
    @WithDefault("hpo-dead-letters")
    String deadLetters();

    /** Replication factor of the topics created at start-up. */
    @WithDefault("1")
    short replication();

    /** The names as the shared model's value type. */
    default TopicNames names() {
        return new TopicNames(studyCommands(), trials(), trialEvents(), pruneVerdicts(), studyEvents(), deadLetters());
    }
}

package io.hyperstream.sampler.service;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of the studies of some partitions, rebuilt from the topics, for the scheduler to run
 * from now on.
 *
 * @param submissions by study id, the eventIds of the submissions already answered (first the
 *                    one that claimed the id); an empty set when only the answer was found
 * @param studies     accepted studies that have not completed
 * @param pending     commands read from the log that had no effect yet (a submission without an
 *                    answer, and the study's later commands), in the order they arrived
 */
public record Takeover(Map<String, Set<String>> submissions, List<StudyHistory> studies, List<IncomingCommand> pending) {

    public Takeover {
        submissions = Map.copyOf(submissions);
        studies = List.copyOf(studies);
        pending = List.copyOf(pending);
    }
}

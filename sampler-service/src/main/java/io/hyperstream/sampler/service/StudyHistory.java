package io.hyperstream.sampler.service;

import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.spec.StudySpec;
import java.time.Instant;
import java.util.List;

/**
 * What the topics hold about one accepted study that has not completed, so that an instance can
 * take it over and go on where the last one stopped.
 *
 * @param spec          the spec as run (from StudyAccepted, seed filled in)
 * @param acceptedAt    when the study was accepted (its budget.timeout counts from there)
 * @param scheduled     the trials published so far
 * @param trialEvents   the trainers' events of this study, in the order they were read
 * @param stopRequested whether a StopStudyRequested for it was read
 */
public record StudyHistory(String studyId, StudySpec spec, Instant acceptedAt, List<TrialScheduled> scheduled,
                           List<TrialEvent> trialEvents, boolean stopRequested) {

    public StudyHistory {
        scheduled = List.copyOf(scheduled);
        trialEvents = List.copyOf(trialEvents);
    }
}

package io.hyperstream.sampler.service;

import io.hyperstream.model.spec.StudySpec;

/** A study command as read from the study-commands topic, before the scheduler acts on it. */
public sealed interface IncomingCommand permits IncomingCommand.Submit, IncomingCommand.Stop {

    String eventId();

    String studyId();

    /**
     * A {@code StudySubmitted} whose envelope was readable. Exactly one of {@code spec} and
     * {@code problem} is set: the spec, or why it (or the rest of the message) is invalid.
     */
    record Submit(String eventId, String studyId, StudySpec spec, String problem) implements IncomingCommand {

        public Submit {
            if ((spec == null) == (problem == null)) {
                throw new IllegalArgumentException("exactly one of spec and problem must be given");
            }
        }

        /** A submission with a valid spec. */
        public static Submit of(String eventId, String studyId, StudySpec spec) {
            return new Submit(eventId, studyId, spec, null);
        }
    }

    /** A {@code StopStudyRequested}. */
    record Stop(String eventId, String studyId, String reason) implements IncomingCommand {
    }
}

package io.hyperstream.sampler.messaging;

/** Names of the incoming channels; their topics are set in configuration. */
public final class Channels {

    /** StudySubmitted and StopStudyRequested, read as text. */
    public static final String STUDY_COMMANDS = "study-commands";
    /** The trainers' trial events, read as text. */
    public static final String TRIAL_EVENTS = "trial-events";

    private Channels() {
    }
}

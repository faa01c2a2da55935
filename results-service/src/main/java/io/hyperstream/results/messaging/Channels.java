package io.hyperstream.results.messaging;

/** Names of the incoming channels; their topics are set in configuration. */
public final class Channels {

    /** StudyAccepted, StudyRejected and StudyCompleted, read as text. */
    public static final String STUDY_EVENTS = "study-events";
    /** TrialScheduled, read as text. */
    public static final String TRIALS = "trials";
    /** The trainers' trial events, read as text. */
    public static final String TRIAL_EVENTS = "trial-events";
    /** Dead letters of every service, read as text. */
    public static final String DEAD_LETTERS = "dead-letters";

    private Channels() {
    }
}

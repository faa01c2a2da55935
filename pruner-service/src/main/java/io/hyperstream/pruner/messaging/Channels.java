package io.hyperstream.pruner.messaging;

/** Names of the messaging channels, shared by code and configuration. */
public final class Channels {

    /** Incoming StudyAccepted / StudyCompleted events. */
    public static final String STUDY_EVENTS = "study-events";
    /** Incoming trial events (epoch reports and trial endings). */
    public static final String TRIAL_EVENTS = "trial-events";

    private Channels() {
    }
}

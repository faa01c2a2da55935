package io.hyperstream.model.event;

/** An event about one trial of a study. */
public interface TrialEventBase extends Event {

    /** The trial's number within its study, from 0. */
    int trialNumber();
}

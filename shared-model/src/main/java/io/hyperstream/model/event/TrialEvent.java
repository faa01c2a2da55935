package io.hyperstream.model.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What trainers report about trials, on the trial-events topic (key: studyId). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TrialStarted.class, name = "TrialStarted"),
        @JsonSubTypes.Type(value = EpochReported.class, name = "EpochReported"),
        @JsonSubTypes.Type(value = TrialCompleted.class, name = "TrialCompleted"),
        @JsonSubTypes.Type(value = TrialPruned.class, name = "TrialPruned"),
        @JsonSubTypes.Type(value = TrialFailed.class, name = "TrialFailed")})
public sealed interface TrialEvent extends TrialEventBase
        permits TrialStarted, EpochReported, TrialCompleted, TrialPruned, TrialFailed {

    /** The trainer instance that ran the trial. */
    String trainerId();

    /** Which attempt of the trial this event belongs to, from 1 (see {@link TrialStarted}). */
    int attempt();

    /** Whether this event ends the trial. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    default boolean isTerminal() {
        return this instanceof TrialCompleted || this instanceof TrialPruned || this instanceof TrialFailed;
    }
}

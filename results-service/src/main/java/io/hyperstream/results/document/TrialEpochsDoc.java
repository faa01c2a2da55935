package io.hyperstream.results.document;

/**
 * Field names of the {@code trial_epochs} collection: one document per trial that reported an
 * epoch, with the trial's {@code _id} ({@code studyId/number}). Values and metrics are embedded by
 * epoch number, so that a replayed report overwrites itself and a trial's history is one lookup.
 */
public final class TrialEpochsDoc {

    public static final String COLLECTION = "trial_epochs";

    public static final String ID = "_id";
    public static final String STUDY_ID = "studyId";
    public static final String NUMBER = "number";
    /** Objective value(s) per epoch: {@code {"1": [0.9], "2": [0.7]}}. */
    public static final String INTERMEDIATE = "intermediate";
    /** Metrics per epoch: {@code {"1": {"loss": 0.9}}}. */
    public static final String EPOCH_METRICS = "epochMetrics";
    /** The attempt that reported each epoch: {@code {"1": 2}}. */
    public static final String EPOCH_ATTEMPTS = "epochAttempts";
    /**
     * The latest attempt of the trial heard of (as the trial document's): epochs of earlier
     * attempts are not part of its history.
     */
    public static final String ATTEMPT = "attempt";

    private TrialEpochsDoc() {
    }
}

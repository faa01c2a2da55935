package io.hyperstream.results.document;

/**
 * Field names of the {@code trials} collection: one document per trial, {@code _id} =
 * {@code studyId/number}, unique on (studyId, number). The per-epoch results live in the trial's
 * {@link TrialEpochsDoc}, so that reading pages of trials never loads them.
 */
public final class TrialDoc {

    public static final String COLLECTION = "trials";

    public static final String ID = "_id";
    public static final String STUDY_ID = "studyId";
    public static final String NUMBER = "number";
    public static final String STATE = "state";
    public static final String STATE_RANK = StateChange.STATE_RANK;
    public static final String PARAMS = "params";
    public static final String SEED = "seed";
    public static final String PRUNING = "pruning";
    public static final String SCHEDULED_AT = "scheduledAt";
    public static final String TRAINER_ID = "trainerId";
    public static final String STARTED_AT = "startedAt";
    public static final String LAST_EPOCH = "lastEpoch";
    /** The latest attempt of the trial heard of: above 1 when it ran again after its trainer stopped. */
    public static final String ATTEMPT = "attempt";
    /** Final objective value(s) of a complete trial, last ones of a pruned trial. */
    public static final String VALUES = "values";
    /** The first final value of a complete trial, only when finite: what the best trial is sorted by. */
    public static final String VALUE = "value";
    public static final String METRICS = "metrics";
    public static final String EPOCHS = "epochs";
    public static final String PRUNED_AT_EPOCH = "prunedAtEpoch";
    public static final String REASON = "reason";
    public static final String FINISHED_AT = "finishedAt";
    /**
     * The state the study's trial counts hold this trial in ({@link StudyStatsDoc}); written with
     * the state by the trial-events writer, so that a replayed event is never counted twice.
     */
    public static final String COUNTED_STATE = "countedState";

    private TrialDoc() {
    }

    /** The document id of a trial. */
    public static String id(String studyId, int number) {
        return studyId + "/" + number;
    }
}

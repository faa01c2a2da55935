package io.hyperstream.results.document;

/**
 * Field names of the {@code study_stats} collection: one document per study ({@code _id} =
 * studyId) with the aggregates the study summary shows, kept up to date as trial events are
 * stored instead of being recounted from the trials.
 */
public final class StudyStatsDoc {

    public static final String COLLECTION = "study_stats";

    public static final String ID = "_id";
    /** Trials counted per state (RUNNING, COMPLETE, PRUNED, FAIL): {@code {"COMPLETE": 12, ...}}. */
    public static final String COUNTS = "counts";
    /** The highest trial number read on any topic: trials are numbered from 0 without gaps. */
    public static final String MAX_TRIAL_NUMBER = "maxTrialNumber";
    /**
     * The best trials: with one objective those sharing the best value, with several the Pareto
     * front; {@code [{number, values, params}]} sorted by number ({@code params} missing while
     * the trial's parameters were not read yet).
     */
    public static final String FRONT = "front";
    public static final String FRONT_NUMBER = "number";
    public static final String FRONT_VALUES = "values";
    public static final String FRONT_PARAMS = "params";
    /** True while trials completed before the study's directions were known: the front must be recomputed. */
    public static final String FRONT_STALE = "frontStale";
    /** The {@code null_accuracy} metric the objective reports (the majority-class share), if any. */
    public static final String NULL_ACCURACY = "nullAccuracy";
    /** Every trainer id seen in the study's trial events. */
    public static final String TRAINER_IDS = "trainerIds";
    /** Bumped after every stored batch of the study's trial writes: tells readers their copy is stale. */
    public static final String VERSION = "version";
    /**
     * Count changes stored ahead of the trial writes they belong to: {@code [{number, state}]}
     * (see {@code TrialEventWriter}); empty once those writes are stored.
     */
    public static final String PENDING = "pending";
    public static final String PENDING_NUMBER = "number";
    public static final String PENDING_STATE = "state";

    private StudyStatsDoc() {
    }
}

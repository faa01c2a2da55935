package io.hyperstream.results.document;

import io.hyperstream.model.StudyState;
import io.hyperstream.model.TrialState;

/**
 * Orders states so that a stored state only moves forward: a trial goes WAITING (1) to RUNNING
 * (2) to one finished state (3), a study goes RUNNING (1) to COMPLETE or REJECTED (2). States of
 * equal rank never replace each other, so the first finished state stored is the one kept.
 */
public final class StateRank {

    private StateRank() {
    }

    /** The rank of a trial state. */
    public static int of(TrialState state) {
        return switch (state) {
            case WAITING -> 1;
            case RUNNING -> 2;
            case COMPLETE, PRUNED, FAIL -> 3;
        };
    }

    /** The rank of a study state. */
    public static int of(StudyState state) {
        return switch (state) {
            case RUNNING -> 1;
            case COMPLETE, REJECTED -> 2;
        };
    }

    /** Whether a trial stored in {@code current} (null: not stored yet) moves to {@code next}. */
    public static boolean advances(TrialState current, TrialState next) {
        return current == null || of(next) > of(current);
    }

    /** Whether a study stored in {@code current} (null: not stored yet) moves to {@code next}. */
    public static boolean advances(StudyState current, StudyState next) {
        return current == null || of(next) > of(current);
    }
}

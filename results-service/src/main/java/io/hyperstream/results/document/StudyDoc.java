package io.hyperstream.results.document;

import io.hyperstream.model.spec.Direction;
import java.util.List;
import org.bson.Document;

/** Field names of the {@code studies} collection: one document per study, {@code _id} = studyId. */
public final class StudyDoc {

    public static final String COLLECTION = "studies";

    public static final String ID = "_id";
    public static final String STATE = "state";
    public static final String STATE_RANK = StateChange.STATE_RANK;
    public static final String NAME = "name";
    /** The spec as run, in its own snake_case JSON form. */
    public static final String SPEC = "spec";
    /** "minimize" / "maximize", one per objective. */
    public static final String DIRECTIONS = "directions";
    public static final String REASON = "reason";
    /** The earliest timestamp of any event of the study: the order of the study list. */
    public static final String CREATED_AT = "createdAt";
    public static final String ACCEPTED_AT = "acceptedAt";
    public static final String REJECTED_AT = "rejectedAt";
    public static final String COMPLETED_AT = "completedAt";
    public static final String FINISHED_TRIALS = "finishedTrials";
    /**
     * Rejected submissions that reused the study's id, as {@code {eventId, reason, rejectedAt}}:
     * they leave the study's state alone.
     */
    public static final String DUPLICATE_SUBMISSIONS = "duplicateSubmissions";
    public static final String DUPLICATE_EVENT_ID = "eventId";

    private StudyDoc() {
    }

    /** The directions of a stored study, or an empty list when unknown. */
    public static List<Direction> directions(Document study) {
        List<?> stored = study.get(StudyDoc.DIRECTIONS, List.class);
        return stored == null ? List.of() : stored.stream().map(d -> Direction.parse(String.valueOf(d))).toList();
    }
}

package io.hyperstream.results.document;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;

/**
 * How one event changes one document whose state only moves forward.
 *
 * @param id            the document's {@code _id}
 * @param rank          the rank ({@link StateRank}) of the state the event announces
 * @param advance       fields set only when the document is below {@code rank}: the state, its
 *                      rank and the data that belongs to that state
 * @param enrich        an update ({@code $set}, {@code $min}, {@code $max}) that is right in any
 *                      state and changes nothing when applied again
 * @param expectAdvance whether the event usually finds its document below its rank, which
 *                      decides which of the two writes is tried first
 */
public record StateChange(String id, int rank, Document advance, Document enrich, boolean expectAdvance) {

    /** The numeric rank of the stored state, in every collection with a state. */
    public static final String STATE_RANK = "stateRank";

    private static final Set<String> OPERATORS = Set.of("$set", "$min", "$max");

    public StateChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(advance, "advance");
        Objects.requireNonNull(enrich, "enrich");
        if (!advance.containsKey(STATE_RANK) || !Objects.equals(advance.get(STATE_RANK), rank)) {
            throw new IllegalArgumentException("advance must set " + STATE_RANK + " to " + rank + ", but got " + advance);
        }
        for (Map.Entry<String, Object> op : enrich.entrySet()) {
            if (!OPERATORS.contains(op.getKey()) || !(op.getValue() instanceof Document fields)) {
                throw new IllegalArgumentException("enrich may only hold $set, $min and $max documents, but got " + op.getKey());
            }
            for (String field : fields.keySet()) {
                if (advance.containsKey(field)) {
                    throw new IllegalArgumentException("field '" + field + "' is both advanced and enriched");
                }
            }
        }
    }

    /** Matches the document while it is below this change's rank. */
    public Document belowRank() {
        return new Document("_id", id).append(STATE_RANK, new Document("$lt", rank));
    }

    /** Matches the document once it is at or beyond this change's rank. */
    public Document atOrAboveRank() {
        return new Document("_id", id).append(STATE_RANK, new Document("$gte", rank));
    }

    /** The update that moves the document to this change's state: the advance fields plus the enrichment. */
    public Document advancingUpdate() {
        Document update = new Document();
        enrich.forEach((op, fields) -> update.append(op, new Document((Document) fields)));
        Document set = (Document) update.computeIfAbsent("$set", k -> new Document());
        set.putAll(advance);
        return update;
    }

    /** The update applied when the document is already at or beyond this change's rank. */
    public Document enrichingUpdate() {
        return enrich;
    }
}

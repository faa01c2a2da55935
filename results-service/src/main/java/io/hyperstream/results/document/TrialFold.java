package io.hyperstream.results.document;

import io.hyperstream.model.TrialState;
import java.util.Comparator;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;

/**
 * The changes of several events to one trial document, folded into a single update that leaves
 * the document exactly as applying them one by one would: an event's state data is set only if
 * it moves the document to a higher rank than the stored one or an earlier event of the fold
 * reached, and the enrichment of every event is applied ({@code $set}: the later value, {@code
 * $min}/{@code $max}: the lowest/highest). The update is guarded by the rank the document had when
 * it was read, so that a concurrent writer makes it match nothing instead of stepping it back.
 */
public final class TrialFold {

    /** The rank filter of an insert: no stored document has it, so a concurrent insert is a duplicate key. */
    private static final int ABSENT_RANK = -1;

    private final String id;
    private final Integer storedRank;
    private final TrialState storedState;
    private final Document set = new Document();
    private final Document min = new Document();
    private final Document max = new Document();
    private int rank;
    private TrialState state;

    /**
     * @param id          the trial document's id
     * @param storedRank  its rank as read, or null when it does not exist
     * @param storedState its state as read, or null when it does not exist
     */
    public TrialFold(String id, Integer storedRank, TrialState storedState) {
        this.id = Objects.requireNonNull(id, "id");
        if ((storedRank == null) != (storedState == null)) {
            throw new IllegalArgumentException("a stored trial has both a rank and a state, but got rank "
                    + storedRank + " and state " + storedState);
        }
        this.storedRank = storedRank;
        this.storedState = storedState;
        this.rank = storedRank == null ? 0 : storedRank;
        this.state = storedState;
    }

    /** Folds in the next event's change, in event order; true if it moved the trial to its state. */
    public boolean apply(StateChange change) {
        if (!change.id().equals(id)) {
            throw new IllegalArgumentException("change of " + change.id() + " folded into trial " + id);
        }
        boolean advanced = change.rank() > rank;
        if (advanced) {
            rank = change.rank();
            set.putAll(change.advance());
            state = TrialState.valueOf(change.advance().getString(TrialDoc.STATE));
        }
        for (Map.Entry<String, Object> op : change.enrichingUpdate().entrySet()) {
            Document fields = (Document) op.getValue();
            switch (op.getKey()) {
                case "$set" -> fields.forEach(this::putSet);
                case "$min" -> fields.forEach((k, v) -> merge(min, k, v, -1));
                case "$max" -> fields.forEach((k, v) -> merge(max, k, v, 1));
                default -> throw new IllegalArgumentException("unknown operator " + op.getKey());
            }
        }
        return advanced;
    }

    /** Sets a field that is right in any state, such as the state the study counts the trial in. */
    public TrialFold set(String field, Object value) {
        putSet(field, value);
        return this;
    }

    /** The document's id. */
    public String id() {
        return id;
    }

    /** The state after the fold: the stored one unless an event moved it further; null if still unknown. */
    public TrialState state() {
        return state;
    }

    /** The state the document had when read, or null when it did not exist. */
    public TrialState storedState() {
        return storedState;
    }

    /** Whether the document did not exist when read: the update inserts it. */
    public boolean inserts() {
        return storedRank == null;
    }

    /**
     * Matches the document only while it has the rank it had when read; for a new document, a rank
     * no document has, so that the upsert inserts it (and a concurrent insert fails on the key).
     */
    public Document filter() {
        return new Document(TrialDoc.ID, id).append(TrialDoc.STATE_RANK, storedRank == null ? ABSENT_RANK : storedRank);
    }

    /** The folded update: {@code $set}, {@code $min} and {@code $max} of every event. */
    public Document update() {
        Document update = new Document();
        Document fields = new Document(set);
        if (storedRank == null && !fields.containsKey(TrialDoc.STATE_RANK)) {
            throw new IllegalStateException("trial " + id + " would be inserted without a state");
        }
        if (!fields.isEmpty()) {
            update.append("$set", fields);
        }
        if (!min.isEmpty()) {
            update.append("$min", new Document(min));
        }
        if (!max.isEmpty()) {
            update.append("$max", new Document(max));
        }
        return update;
    }

    private void putSet(String field, Object value) {
        if (min.containsKey(field) || max.containsKey(field)) {
            throw new IllegalArgumentException("field '" + field + "' is both set and compared in trial " + id);
        }
        set.put(field, value);
    }

    private void merge(Document target, String field, Object value, int sign) {
        if (set.containsKey(field) || (sign < 0 ? max : min).containsKey(field)) {
            throw new IllegalArgumentException("field '" + field + "' is both set and compared in trial " + id);
        }
        Object current = target.get(field);
        if (current == null || sign * COMPARATOR.compare(value, current) > 0) {
            target.put(field, value);
        }
    }

    /** Orders the values events compare: numbers by value, dates by time. */
    private static final Comparator<Object> COMPARATOR = (a, b) -> {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Date x && b instanceof Date y) {
            return x.compareTo(y);
        }
        throw new IllegalArgumentException("cannot compare " + a + " with " + b);
    };
}

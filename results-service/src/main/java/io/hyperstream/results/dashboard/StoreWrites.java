package io.hyperstream.results.dashboard;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import io.hyperstream.results.config.ResultsConfig;
import io.hyperstream.results.document.StudyDoc;
import io.hyperstream.results.document.TrialDoc;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Watches the service's writes to the studies and trials collections, whatever code makes them,
 * and reports each one to {@link StudyChanges} once MongoDB has answered it: the live updates and
 * the plot cache follow exactly what was stored. The MongoDB client registers every
 * {@link CommandListener} bean.
 */
@Singleton
public class StoreWrites implements CommandListener {

    private static final Set<String> WRITES = Set.of("update", "insert", "delete", "findAndModify");

    /** A document written: its study (null when the filter did not say) and trial number (null for a study or unknown). */
    record Touch(boolean trial, String studyId, Integer number) {
    }

    private final String database;
    private final StudyChanges changes;
    private final Map<Integer, List<Touch>> inFlight = new ConcurrentHashMap<>();

    public StoreWrites(ResultsConfig config, StudyChanges changes) {
        this.database = config.database();
        this.changes = changes;
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (!WRITES.contains(event.getCommandName()) || !database.equals(event.getDatabaseName())) {
            return;
        }
        BsonDocument command = event.getCommand();
        BsonValue target = command.get(event.getCommandName());
        String collection = target != null && target.isString() ? target.asString().getValue() : "";
        boolean trials = collection.equals(TrialDoc.COLLECTION);
        if (!trials && !collection.equals(StudyDoc.COLLECTION)) {
            return;
        }
        List<Touch> touches = new ArrayList<>();
        switch (event.getCommandName()) {
            case "update" -> filters(command, "updates", "q").forEach(q -> touches.add(touch(trials, q)));
            case "delete" -> filters(command, "deletes", "q").forEach(q -> touches.add(touch(trials, q)));
            case "insert" -> filters(command, "documents", null).forEach(d -> touches.add(touch(trials, d)));
            default -> touches.add(touch(trials, command.get("query") instanceof BsonDocument q ? q : new BsonDocument()));
        }
        inFlight.put(event.getRequestId(), touches);
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        report(event.getRequestId());
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        // A failed batch may have applied its first writes: reading them again costs little.
        report(event.getRequestId());
    }

    private void report(int requestId) {
        List<Touch> touches = inFlight.remove(requestId);
        if (touches != null) {
            touches.forEach(changes::written);
        }
    }

    private static List<BsonDocument> filters(BsonDocument command, String listField, String filterField) {
        List<BsonDocument> out = new ArrayList<>();
        BsonValue list = command.get(listField);
        if (list instanceof BsonArray array) {
            for (BsonValue v : array) {
                if (v instanceof BsonDocument d) {
                    BsonValue filter = filterField == null ? d : d.get(filterField);
                    out.add(filter instanceof BsonDocument f ? f : new BsonDocument());
                }
            }
        }
        if (out.isEmpty()) {
            out.add(new BsonDocument());
        }
        return out;
    }

    /** The study and trial a filter or document names by its id ({@code studyId/number} for a trial) or studyId. */
    static Touch touch(boolean trial, BsonDocument doc) {
        BsonValue id = doc.get("_id");
        if (id != null && id.isString()) {
            String text = id.asString().getValue();
            if (!trial) {
                return new Touch(false, text, null);
            }
            int slash = text.lastIndexOf('/');
            if (slash > 0) {
                try {
                    return new Touch(true, text.substring(0, slash), Integer.parseInt(text.substring(slash + 1)));
                } catch (NumberFormatException e) {
                    return new Touch(true, text.substring(0, slash), null);
                }
            }
        }
        BsonValue studyId = doc.get(trial ? TrialDoc.STUDY_ID : "_id");
        BsonValue number = doc.get(TrialDoc.NUMBER);
        return new Touch(trial, studyId != null && studyId.isString() ? studyId.asString().getValue() : null,
                number != null && number.isNumber() ? number.asNumber().intValue() : null);
    }
}

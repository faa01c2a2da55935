package io.hyperstream.results.document;

import io.hyperstream.model.Json;
import io.hyperstream.model.StudyState;
import io.hyperstream.model.TrialState;
import io.hyperstream.model.event.DeadLetter;
import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudyCompleted;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.StudyRejected;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialFailed;
import io.hyperstream.model.event.TrialPruned;
import io.hyperstream.model.event.TrialScheduled;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.model.spec.Direction;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bson.Document;

/** What each event changes in the studies and trials collections, as {@link StateChange}s. */
public final class EventChanges {

    private EventChanges() {
    }

    /** The change a study event makes to its study document. */
    public static StateChange of(StudyEvent event) {
        Document enrich = new Document("$min", new Document(StudyDoc.CREATED_AT, date(event.timestamp())));
        if (event instanceof StudyAccepted accepted) {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = Json.mapper().convertValue(accepted.spec(), Map.class);
            enrich.append("$set", new Document(StudyDoc.NAME, accepted.spec().name())
                    .append(StudyDoc.SPEC, BsonValues.document(spec))
                    .append(StudyDoc.DIRECTIONS, accepted.spec().directions().stream().map(Direction::jsonName).toList())
                    .append(StudyDoc.ACCEPTED_AT, date(accepted.timestamp())));
            return new StateChange(event.studyId(), StateRank.of(StudyState.RUNNING),
                    studyState(StudyState.RUNNING), enrich, true);
        }
        if (event instanceof StudyRejected rejected) {
            return new StateChange(event.studyId(), StateRank.of(StudyState.REJECTED),
                    studyState(StudyState.REJECTED)
                            .append(StudyDoc.REASON, rejected.reason())
                            .append(StudyDoc.REJECTED_AT, date(rejected.timestamp())),
                    enrich, true);
        }
        if (event instanceof StudyCompleted completed) {
            return new StateChange(event.studyId(), StateRank.of(StudyState.COMPLETE),
                    studyState(StudyState.COMPLETE)
                            .append(StudyDoc.REASON, completed.reason())
                            .append(StudyDoc.COMPLETED_AT, date(completed.timestamp()))
                            .append(StudyDoc.FINISHED_TRIALS, completed.finishedTrials()),
                    enrich, true);
        }
        throw new IllegalArgumentException("unknown study event " + event.type());
    }

    /** The change a scheduled trial makes to its trial document: WAITING, with its parameters. */
    public static StateChange of(TrialScheduled event) {
        Document set = identity(event.studyId(), event.trialNumber())
                .append(TrialDoc.PARAMS, BsonValues.document(event.params()))
                .append(TrialDoc.SEED, event.seed())
                .append(TrialDoc.PRUNING, event.pruning());
        Document enrich = new Document("$set", set)
                .append("$min", new Document(TrialDoc.SCHEDULED_AT, date(event.timestamp())));
        return new StateChange(TrialDoc.id(event.studyId(), event.trialNumber()), StateRank.of(TrialState.WAITING),
                trialState(TrialState.WAITING), enrich, true);
    }

    /** The change a trainer's event makes to its trial document. */
    public static StateChange of(TrialEvent event) {
        String id = TrialDoc.id(event.studyId(), event.trialNumber());
        Document set = identity(event.studyId(), event.trialNumber());
        Document max = new Document(TrialDoc.ATTEMPT, event.attempt());
        Document enrich = new Document("$set", set).append("$max", max);
        if (event instanceof TrialStarted started) {
            if (!started.params().isEmpty()) {
                set.append(TrialDoc.PARAMS, BsonValues.document(started.params()));
            }
            // The earliest start is kept: a trial re-run after a trainer crash started when it first started.
            enrich.append("$min", new Document(TrialDoc.STARTED_AT, date(started.timestamp())));
            return new StateChange(id, StateRank.of(TrialState.RUNNING),
                    trialState(TrialState.RUNNING).append(TrialDoc.TRAINER_ID, started.trainerId()), enrich, true);
        }
        if (event instanceof EpochReported epoch) {
            // The epoch's values go to the trial's epochs document (epochs(...)); the trial keeps its last epoch.
            max.append(TrialDoc.LAST_EPOCH, epoch.epoch());
            // A report proves the trial runs even if its TrialStarted has not been read yet.
            return new StateChange(id, StateRank.of(TrialState.RUNNING),
                    trialState(TrialState.RUNNING).append(TrialDoc.TRAINER_ID, epoch.trainerId()), enrich, false);
        }
        if (event instanceof TrialCompleted completed) {
            Document advance = finished(TrialState.COMPLETE, completed)
                    .append(TrialDoc.VALUES, completed.values())
                    .append(TrialDoc.METRICS, BsonValues.document(completed.metrics()))
                    .append(TrialDoc.EPOCHS, completed.epochs());
            if (!completed.values().isEmpty() && completed.values().get(0) != null
                    && Double.isFinite(completed.values().get(0))) {
                advance.append(TrialDoc.VALUE, completed.values().get(0));
            }
            return new StateChange(id, StateRank.of(TrialState.COMPLETE), advance, enrich, true);
        }
        if (event instanceof TrialPruned pruned) {
            return new StateChange(id, StateRank.of(TrialState.PRUNED),
                    finished(TrialState.PRUNED, pruned)
                            .append(TrialDoc.VALUES, pruned.values())
                            .append(TrialDoc.PRUNED_AT_EPOCH, pruned.epoch()),
                    enrich, true);
        }
        if (event instanceof TrialFailed failed) {
            return new StateChange(id, StateRank.of(TrialState.FAIL),
                    finished(TrialState.FAIL, failed).append(TrialDoc.REASON, failed.reason()), enrich, true);
        }
        throw new IllegalArgumentException("unknown trial event " + event.type());
    }

    /**
     * The fields an epoch report sets in its trial's epochs document ({@link TrialEpochsDoc}):
     * the values, metrics and attempt under the epoch number, so that a replayed report overwrites
     * itself and a later attempt's report replaces the abandoned attempt's.
     */
    public static Document epochs(EpochReported epoch) {
        String key = Integer.toString(epoch.epoch());
        return new Document(TrialEpochsDoc.INTERMEDIATE + "." + key, epoch.values())
                .append(TrialEpochsDoc.EPOCH_METRICS + "." + key, BsonValues.document(epoch.metrics()))
                .append(TrialEpochsDoc.EPOCH_ATTEMPTS + "." + key, epoch.attempt());
    }

    /**
     * The upsert a scheduled trial makes, applied whatever the trial's state: its parameters,
     * seed and scheduling time, and the WAITING state only when it creates the document (a trial
     * that a trainer already reported on is further along).
     */
    public static Document scheduledUpsert(TrialScheduled event) {
        StateChange change = of(event);
        Document update = new Document();
        change.enrichingUpdate().forEach((op, fields) -> update.append(op, new Document((Document) fields)));
        return update.append("$setOnInsert", new Document(change.advance()));
    }

    /** The dead-letters document of a dead letter (written once, by its eventId). */
    public static Document of(DeadLetter letter) {
        return new Document(DeadLetterDoc.STUDY_ID, letter.studyId())
                .append(DeadLetterDoc.TIMESTAMP, date(letter.timestamp()))
                .append(DeadLetterDoc.SERVICE, letter.service())
                .append(DeadLetterDoc.SOURCE_TOPIC, letter.sourceTopic())
                .append(DeadLetterDoc.PARTITION, letter.partition())
                .append(DeadLetterDoc.OFFSET, letter.offset())
                .append(DeadLetterDoc.PAYLOAD, letter.payload())
                .append(DeadLetterDoc.ERROR, letter.error());
    }

    private static Document studyState(StudyState state) {
        return new Document(StudyDoc.STATE, state.name()).append(StudyDoc.STATE_RANK, StateRank.of(state));
    }

    private static Document trialState(TrialState state) {
        return new Document(TrialDoc.STATE, state.name()).append(TrialDoc.STATE_RANK, StateRank.of(state));
    }

    private static Document finished(TrialState state, TrialEvent event) {
        return trialState(state)
                .append(TrialDoc.TRAINER_ID, event.trainerId())
                .append(TrialDoc.FINISHED_AT, date(event.timestamp()));
    }

    private static Document identity(String studyId, int number) {
        return new Document(TrialDoc.STUDY_ID, studyId).append(TrialDoc.NUMBER, number);
    }

    private static Date date(Instant instant) {
        return Date.from(instant);
    }
}

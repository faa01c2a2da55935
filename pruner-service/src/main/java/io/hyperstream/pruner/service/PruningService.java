package io.hyperstream.pruner.service;

import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.model.TrialState;
import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.PruneVerdict;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudyCompleted;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.StudyRejected;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialFailed;
import io.hyperstream.model.event.TrialPruned;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.model.spec.PrunerSpec;
import io.hyperstream.pruner.algorithm.Pruner;
import io.hyperstream.pruner.algorithm.PrunerRegistry;
import io.hyperstream.pruner.algorithm.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Keeps each study's trials and intermediate values in memory and answers every epoch report of
 * a study that prunes with a verdict. Studies whose pruner is {@code none} get no verdicts (their
 * trainers do not wait for one); a report of a study it does not know gets a "go on" verdict so
 * that no trainer waits in vain. Thread-safe: the two event channels call it concurrently.
 */
public class PruningService {

    /** The reason of a verdict for a study the pruner does not know (not accepted yet, or already completed). */
    public static final String UNKNOWN_STUDY = "study unknown to the pruner";

    private static final Logger LOG = Logger.getLogger(PruningService.class);
    private static final int FINISHED_STUDIES_REMEMBERED = 10_000;

    /** An accepted study: its pruner (or why it could not be built) and, if it prunes, its trials. */
    private record AcceptedStudy(String studyId, List<Direction> directions, String prunerType, Pruner pruner,
                                 String prunerError, StudyTrials trials) {

        boolean prunes() {
            return trials != null;
        }
    }

    private final Clock clock;
    private final Map<String, AcceptedStudy> accepted = new HashMap<>();
    /**
     * Trials of studies whose StudyAccepted has not been read yet: the two topics are read by
     * separate consumers, so a trial's first events can overtake its study's acceptance.
     */
    private final Map<String, StudyTrials> early;
    /** Completed or rejected studies, so that a late or replayed event does not bring them back. */
    private final Set<String> finished = Collections.newSetFromMap(bounded(FINISHED_STUDIES_REMEMBERED));

    /**
     * @param clock           stamps the verdicts
     * @param maxEarlyStudies how many not-yet-accepted studies to keep trial events of (the
     *                        oldest is forgotten first)
     */
    public PruningService(Clock clock, int maxEarlyStudies) {
        if (maxEarlyStudies < 0) {
            throw new IllegalArgumentException("maxEarlyStudies must be >= 0, but got " + maxEarlyStudies);
        }
        this.clock = clock;
        this.early = bounded(maxEarlyStudies);
    }

    /** Registers accepted studies and forgets completed or rejected ones. Duplicates change nothing. */
    public synchronized void onStudyEvent(StudyEvent event) {
        if (event instanceof StudyAccepted acceptance) {
            accept(acceptance);
        } else if (event instanceof StudyCompleted || event instanceof StudyRejected r && !r.duplicate()) {
            boolean known = accepted.remove(event.studyId()) != null;
            early.remove(event.studyId());
            finished.add(event.studyId());
            if (known) {
                LOG.infof("study %s: %s, its state is dropped", event.studyId(),
                        event instanceof StudyCompleted ? "completed" : "rejected");
            }
        }
    }

    private void accept(StudyAccepted acceptance) {
        String studyId = acceptance.studyId();
        if (accepted.containsKey(studyId) || finished.contains(studyId)) {
            LOG.debugf("study %s: StudyAccepted %s seen before, ignored", studyId, acceptance.eventId());
            return;
        }
        StudyTrials trials = early.remove(studyId);
        PrunerSpec spec = acceptance.spec().pruner();
        List<Direction> directions = acceptance.spec().directions();
        if (!spec.prunes()) {
            accepted.put(studyId, new AcceptedStudy(studyId, directions, spec.type(), null, null, null));
            LOG.infof("study %s: pruner %s, its trials get no verdicts", studyId, spec.type());
            return;
        }
        trials = trials == null ? new StudyTrials() : trials;
        Pruner pruner = null;
        String error = null;
        if (directions.size() > 1) {
            error = "pruner.type '" + spec.type() + "' prunes trials, but the study has " + directions.size()
                    + " directions " + directions + "; pruning needs a single-objective study";
        } else {
            try {
                pruner = PrunerRegistry.create(spec);
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
            }
        }
        accepted.put(studyId, new AcceptedStudy(studyId, directions, spec.type(), pruner, error, trials));
        if (error != null) {
            LOG.errorf("study %s: cannot build its pruner (%s); its trials get prune=false verdicts", studyId, error);
        } else {
            LOG.infof("study %s: pruning with %s (%d trials seen before the acceptance)", studyId, pruner, trials.size());
        }
    }

    /**
     * Records a trial event; for an epoch report of a study that prunes (or of an unknown study),
     * returns the verdict to publish. A step reported again keeps its first value and gets a
     * verdict decided again on the current state (as Optuna's {@code should_prune} after a
     * repeated {@code report}). A trial run again after its trainer stopped (a later
     * {@code attempt}) starts its values afresh: its epochs are judged on what it reports, not on
     * the abandoned attempt's. Reports of an attempt that a later one replaced are not recorded
     * and get a "go on" verdict.
     *
     * @throws MalformedMessageException for an epoch report without any value
     */
    public synchronized Optional<PruneVerdict> onTrialEvent(TrialEvent event) {
        if (event instanceof EpochReported report && report.values().isEmpty()) {
            throw new MalformedMessageException(
                    "values: an epoch report needs one objective value per study direction, but got []", null);
        }
        AcceptedStudy study = accepted.get(event.studyId());
        if (study == null) {
            if (!finished.contains(event.studyId())) {
                record(early.computeIfAbsent(event.studyId(), id -> new StudyTrials()), event);
            }
            return event instanceof EpochReported report
                    ? Optional.of(verdict(report, Verdict.keep(UNKNOWN_STUDY)))
                    : Optional.empty();
        }
        if (!study.prunes()) {
            return Optional.empty();
        }
        record(study.trials(), event);
        if (!(event instanceof EpochReported report)) {
            return Optional.empty();
        }
        int latest = study.trials().latestAttempt(report.trialNumber());
        if (report.attempt() < latest) {
            // A trainer still running an attempt that was given to another: let it go on (a prune
            // would end the trial for the attempt that replaced it); it stops when it learns of its lost lease.
            return Optional.of(verdict(report, Verdict.keep("attempt " + report.attempt() + " of trial "
                    + report.trialNumber() + " was replaced by attempt " + latest)));
        }
        Verdict verdict = decide(study, report);
        if (verdict.prune()) {
            LOG.infof("study %s trial %d: pruned at epoch %d: %s", study.studyId(), report.trialNumber(),
                    report.epoch(), verdict.reason());
        } else {
            LOG.debugf("study %s trial %d: goes on after epoch %d: %s", study.studyId(), report.trialNumber(),
                    report.epoch(), verdict.reason());
        }
        return Optional.of(verdict(report, verdict));
    }

    private void record(StudyTrials trials, TrialEvent event) {
        int number = event.trialNumber();
        if (event instanceof EpochReported report) {
            if (!trials.report(number, report.attempt(), report.epoch(), report.value())) {
                LOG.debugf("study %s trial %d: epoch %d of attempt %d reported again or superseded (event %s); "
                        + "the value kept is %s, %s ignored", event.studyId(), number, report.epoch(), report.attempt(),
                        event.eventId(), trials.reported(number, report.epoch()), report.value());
            }
        } else if (event instanceof TrialCompleted completed) {
            trials.finish(number, TrialState.COMPLETE, completed.values());
        } else if (event instanceof TrialPruned pruned) {
            trials.finish(number, TrialState.PRUNED, pruned.values());
        } else if (event instanceof TrialFailed) {
            trials.finish(number, TrialState.FAIL, List.of());
        } else {
            trials.started(number, event.attempt());
        }
    }

    private Verdict decide(AcceptedStudy study, EpochReported report) {
        if (study.pruner() == null) {
            return Verdict.keep("the pruner could not be built: " + study.prunerError());
        }
        int number = report.trialNumber();
        try {
            return study.pruner().prune(study.trials().view(study.studyId(), study.directions(), number, report.epoch()),
                    study.trials().trialView(number, report.epoch()));
        } catch (RuntimeException e) {
            // The trainer waits for this verdict: answer, and leave the failure in the log and the reason.
            LOG.errorf(e, "study %s trial %d: the pruner failed at epoch %d", study.studyId(), number, report.epoch());
            return Verdict.keep("the pruner failed: " + e.getMessage());
        }
    }

    private PruneVerdict verdict(EpochReported report, Verdict verdict) {
        return new PruneVerdict(Events.newId(), report.studyId(), report.trialNumber(),
                Instant.ofEpochMilli(clock.millis()), report.epoch(), verdict.prune(), verdict.reason());
    }

    /** The studies this service holds state for, by id. */
    public synchronized List<StudySummary> studies() {
        List<StudySummary> result = new ArrayList<>();
        for (AcceptedStudy s : accepted.values()) {
            result.add(new StudySummary(s.studyId(), s.pruner() != null ? s.pruner().toString() : s.prunerType(),
                    s.prunes(), s.prunerError(), s.prunes() ? s.trials().size() : 0,
                    s.prunes() ? s.trials().completeCount() : 0));
        }
        result.sort(Comparator.comparing(StudySummary::studyId));
        return result;
    }

    /** How many studies have trial events but no StudyAccepted yet. */
    public synchronized int earlyStudyCount() {
        return early.size();
    }

    /** A map that forgets its oldest entry beyond {@code capacity}. */
    private static <K, V> Map<K, V> bounded(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}

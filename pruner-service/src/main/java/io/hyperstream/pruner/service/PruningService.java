package io.hyperstream.pruner.service;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.PruneVerdict;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudyCompleted;
import io.hyperstream.model.event.StudyEvent;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialEvent;
import io.hyperstream.model.event.TrialFailed;
import io.hyperstream.model.event.TrialPruned;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.pruner.algorithm.Pruner;
import io.hyperstream.pruner.algorithm.PrunerRegistry;
import io.hyperstream.pruner.algorithm.PrunerStudy;
import io.hyperstream.pruner.algorithm.TrialRecord;
import io.hyperstream.pruner.algorithm.Verdict;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Keeps each running study's trials and intermediate values, and answers every epoch report of
 * a study that prunes with a verdict. Studies whose pruner is {@code none} get no verdicts
 * (their trainers do not wait for one).
 */
public class PruningService {

    private static final Logger LOG = Logger.getLogger(PruningService.class);

    private final Map<String, StudyState> studies = new HashMap<>();

    /** The pruner and the trials of one study. */
    private static final class StudyState {
        final Pruner pruner;
        final String prunerError;
        final boolean prunes;
        final Direction direction;
        final Map<Integer, TrialState> states = new TreeMap<>();
        final Map<Integer, TreeMap<Integer, Double>> values = new TreeMap<>();

        StudyState(Pruner pruner, String prunerError, boolean prunes, Direction direction) {
            this.pruner = pruner;
            this.prunerError = prunerError;
            this.prunes = prunes;
            this.direction = direction;
        }

        PrunerStudy view() {
            return new PrunerStudy(direction, states.keySet().stream().map(this::record).toList());
        }

        TrialRecord record(int number) {
            return new TrialRecord(number, states.get(number), values.getOrDefault(number, new TreeMap<>()));
        }
    }

    /** Registers accepted studies and forgets completed ones. */
    public synchronized void onStudyEvent(StudyEvent event) {
        if (event instanceof StudyAccepted accepted) {
            if (studies.containsKey(accepted.studyId())) {
                return;
            }
            Pruner pruner = null;
            String error = null;
            try {
                pruner = PrunerRegistry.create(accepted.spec().pruner());
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
                LOG.errorf("study %s: cannot build its pruner: %s", accepted.studyId(), error);
            }
            studies.put(accepted.studyId(), new StudyState(pruner, error,
                    accepted.spec().pruner().prunes(), accepted.spec().direction()));
        } else if (event instanceof StudyCompleted) {
            studies.remove(event.studyId());
        }
    }

    /**
     * Records a trial event; for an epoch report of a study that prunes, returns the verdict to
     * publish. A report for a study this service does not know gets a "go on" verdict so that
     * its trainer never waits in vain.
     */
    public synchronized Optional<PruneVerdict> onTrialEvent(TrialEvent event) {
        StudyState study = studies.get(event.studyId());
        if (study == null) {
            if (event instanceof EpochReported report) {
                return Optional.of(verdict(report, Verdict.keep("study unknown to the pruner")));
            }
            return Optional.empty();
        }
        int number = event.trialNumber();
        if (event instanceof EpochReported report) {
            study.states.putIfAbsent(number, TrialState.RUNNING);
            study.values.computeIfAbsent(number, n -> new TreeMap<>()).put(report.epoch(), report.value());
            if (!study.prunes) {
                return Optional.empty();
            }
            if (study.pruner == null) {
                return Optional.of(verdict(report, Verdict.keep("the pruner could not be built: " + study.prunerError)));
            }
            Verdict verdict = study.pruner.decide(study.view(), study.record(number), report.epoch());
            LOG.debugf("study %s trial %d step %d: %s (%s)", event.studyId(), number, report.epoch(),
                    verdict.prune() ? "prune" : "keep", verdict.reason());
            return Optional.of(verdict(report, verdict));
        }
        if (event instanceof TrialCompleted) {
            study.states.put(number, TrialState.COMPLETE);
        } else if (event instanceof TrialPruned) {
            study.states.put(number, TrialState.PRUNED);
        } else if (event instanceof TrialFailed) {
            study.states.put(number, TrialState.FAIL);
        } else {
            study.states.putIfAbsent(number, TrialState.RUNNING);
        }
        return Optional.empty();
    }

    private static PruneVerdict verdict(EpochReported report, Verdict verdict) {
        return new PruneVerdict(Events.newId(), report.studyId(), report.trialNumber(), Events.now(),
                report.epoch(), verdict.prune(), verdict.reason());
    }

    /** The ids of the studies this service holds state for. */
    public synchronized List<String> studyIds() {
        return List.copyOf(studies.keySet());
    }
}

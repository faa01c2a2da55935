package io.hyperstream.sampler.service;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.sampler.algorithm.FrozenTrial;
import io.hyperstream.sampler.algorithm.Sampler;
import io.hyperstream.sampler.algorithm.StudyView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-memory state of one accepted study until it completes.
 *
 * <p>A warm-started study's sampler sees the earlier studies' trials first, as trials 0..w-1, and
 * this study's trial {@code n} as trial {@code w + n}, as if the earlier trials had been added to
 * the study before it ran (Optuna's {@code add_trials}); events and topics keep the study's own
 * numbers.
 */
final class StudyRun {

    final String studyId;
    final StudySpec spec;
    final long seed;
    final Sampler sampler;
    final Instant acceptedAt;
    /** Completed trials of earlier studies, numbered 0..w-1 as the sampler sees them. */
    final List<FrozenTrial> warmStart;
    final Map<Integer, TrialInFlight> inFlight = new TreeMap<>();
    /** This study's finished trials, in the order they finished, under their own numbers. */
    final List<FrozenTrial> finished = new ArrayList<>();
    /** The same trials as the sampler sees them, kept so that each view holds the same objects. */
    private final List<FrozenTrial> finishedForSampler = new ArrayList<>();
    int scheduled;
    /** Why no more trials will be scheduled; null while more may be. */
    String endReason;

    StudyRun(String studyId, StudySpec spec, long seed, Sampler sampler, Instant acceptedAt, List<FrozenTrial> warmStart) {
        this.studyId = studyId;
        this.spec = spec;
        this.seed = seed;
        this.sampler = sampler;
        this.acceptedAt = acceptedAt;
        this.warmStart = List.copyOf(warmStart);
    }

    boolean timeoutPassed(Instant now) {
        Double timeout = spec.budget().timeout();
        if (timeout == null) {
            return false;
        }
        Duration limit = Duration.ofNanos((long) Math.min(timeout * 1e9, Long.MAX_VALUE));
        return !now.isBefore(acceptedAt.plus(limit));
    }

    /** The number the sampler knows trial {@code trialNumber} of this study by. */
    int samplerNumber(int trialNumber) {
        return warmStart.size() + trialNumber;
    }

    /** The trial as the sampler sees it (renumbered after the warm-start trials). */
    FrozenTrial forSampler(FrozenTrial trial) {
        return warmStart.isEmpty() ? trial : new FrozenTrial(samplerNumber(trial.number()), trial.state(),
                trial.params(), trial.values(), trial.intermediateValues());
    }

    StudyView view() {
        List<FrozenTrial> done = new ArrayList<>(warmStart.size() + finished.size());
        done.addAll(warmStart);
        for (int i = finishedForSampler.size(); i < finished.size(); i++) {
            finishedForSampler.add(forSampler(finished.get(i)));
        }
        done.addAll(finishedForSampler);
        return new StudyView(spec, done, inFlight.entrySet().stream()
                .map(e -> e.getValue().frozen(samplerNumber(e.getKey()), e.getValue().state, List.of()))
                .toList());
    }

    /**
     * Parameters read back from JSON in the form samplers produce (Double, Long, the choice
     * itself) and in search-space order, so that a study taken over from the topics looks to its
     * sampler as it did to the one that scheduled it.
     */
    static LinkedHashMap<String, Object> canonical(StudySpec spec, Map<String, Object> params) {
        LinkedHashMap<String, Object> result = new LinkedHashMap<>();
        for (ParamSpec p : spec.searchSpace()) {
            if (params.containsKey(p.name())) {
                Object value = params.get(p.name());
                result.put(p.name(), p.distribution().contains(value)
                        ? p.distribution().toExternal(p.distribution().toInternal(value))
                        : value);
            }
        }
        params.forEach(result::putIfAbsent);
        return result;
    }

    /** A scheduled trial that has not finished. */
    static final class TrialInFlight {
        final LinkedHashMap<String, Object> params;
        final TreeMap<Integer, Double> intermediateValues = new TreeMap<>();
        TrialState state = TrialState.WAITING;

        TrialInFlight(LinkedHashMap<String, Object> params) {
            this.params = params;
        }

        FrozenTrial frozen(int number, TrialState asState, List<Double> values) {
            return new FrozenTrial(number, asState, params, values, intermediateValues);
        }
    }
}

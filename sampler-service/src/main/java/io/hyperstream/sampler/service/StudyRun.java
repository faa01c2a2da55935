package io.hyperstream.sampler.service;

import io.hyperstream.model.TrialState;
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

/** The in-memory state of one accepted study until it completes. */
final class StudyRun {

    final String studyId;
    final StudySpec spec;
    final long seed;
    final Sampler sampler;
    final Instant acceptedAt;
    final Map<Integer, TrialInFlight> inFlight = new TreeMap<>();
    final List<FrozenTrial> finished = new ArrayList<>();
    int scheduled;
    /** Why no more trials will be scheduled; null while more may be. */
    String endReason;

    StudyRun(String studyId, StudySpec spec, long seed, Sampler sampler, Instant acceptedAt) {
        this.studyId = studyId;
        this.spec = spec;
        this.seed = seed;
        this.sampler = sampler;
        this.acceptedAt = acceptedAt;
    }

    boolean timeoutPassed(Instant now) {
        Double timeout = spec.budget().timeout();
        if (timeout == null) {
            return false;
        }
        Duration limit = Duration.ofNanos((long) Math.min(timeout * 1e9, Long.MAX_VALUE));
        return !now.isBefore(acceptedAt.plus(limit));
    }

    StudyView view() {
        return new StudyView(spec, finished, inFlight.entrySet().stream()
                .map(e -> e.getValue().frozen(e.getKey(), e.getValue().state, List.of()))
                .toList());
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

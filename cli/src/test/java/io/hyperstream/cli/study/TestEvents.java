package io.hyperstream.cli.study;

import io.hyperstream.model.event.EpochReported;
import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.StudyAccepted;
import io.hyperstream.model.event.StudyCompleted;
import io.hyperstream.model.event.StudyRejected;
import io.hyperstream.model.event.TrialCompleted;
import io.hyperstream.model.event.TrialFailed;
import io.hyperstream.model.event.TrialPruned;
import io.hyperstream.model.event.TrialStarted;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.model.spec.StudySpecReader;
import java.util.List;
import java.util.Map;

/** Events of one study, as the services would publish them. */
final class TestEvents {

    static final String SPEC_YAML = """
            name: tiny
            direction: minimize
            search_space:
              - {name: x, type: float, low: 0, high: 1}
            objective: {kind: synthetic, settings: {function: sphere}, metric: value, max_epochs: 3}
            budget: {n_trials: 5, parallelism: 2}
            """;

    private final String studyId;

    TestEvents(String studyId) {
        this.studyId = studyId;
    }

    static StudySpec spec() {
        return StudySpecReader.read(SPEC_YAML);
    }

    StudyAccepted accepted() {
        return new StudyAccepted(Events.newId(), studyId, Events.now(), spec());
    }

    StudyRejected rejected(String reason) {
        return new StudyRejected(Events.newId(), studyId, Events.now(), reason);
    }

    StudyCompleted completed(int finished) {
        return new StudyCompleted(Events.newId(), studyId, Events.now(), "budget reached", finished);
    }

    TrialStarted started(int trial, Map<String, Object> params) {
        return new TrialStarted(Events.newId(), studyId, trial, Events.now(), "trainer-1", params);
    }

    EpochReported epoch(int trial, int epoch, double value) {
        return new EpochReported(Events.newId(), studyId, trial, Events.now(), "trainer-1", epoch,
                List.of(value), Map.of("value", value));
    }

    TrialCompleted complete(int trial, Double... values) {
        return new TrialCompleted(Events.newId(), studyId, trial, Events.now(), "trainer-1", List.of(values),
                Map.of(), 3);
    }

    TrialPruned pruned(int trial, double value) {
        return new TrialPruned(Events.newId(), studyId, trial, Events.now(), "trainer-1", 2, List.of(value));
    }

    TrialFailed failed(int trial) {
        return new TrialFailed(Events.newId(), studyId, trial, Events.now(), "trainer-1", "objective returned NaN");
    }
}

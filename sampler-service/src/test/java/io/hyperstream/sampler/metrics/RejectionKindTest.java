package io.hyperstream.sampler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.hyperstream.model.event.Events;
import io.hyperstream.model.event.StudyRejected;
import org.junit.jupiter.api.Test;

class RejectionKindTest {

    @Test
    void aReasonIsCountedUnderTheSpecFieldItStartsWith() {
        assertThat(kind("search_space[1]: parameter 'x1': low <= high must hold, but got low=20.0, high=3.0", false))
                .isEqualTo("search_space");
        assertThat(kind("sampler.type 'tpee' is unknown; known samplers: [random]", false)).isEqualTo("sampler");
        assertThat(kind("pruner.type 'x' is unknown; known pruners: [none]", false)).isEqualTo("pruner");
        assertThat(kind("objective.kind 'xgboost' is unknown; known trainer kinds: [synthetic]", false))
                .isEqualTo("objective");
        assertThat(kind("budget.n_trials: n_trials must be >= 1, but got 0", false)).isEqualTo("budget");
        assertThat(kind("warm_start: study 'a' is not known", false)).isEqualTo("warm_start");
    }

    @Test
    void duplicatesOversizedSubmissionsAndOtherReasonsHaveKindsOfTheirOwn() {
        assertThat(kind("study id 'a' is already used", true)).isEqualTo("duplicate");
        assertThat(kind("StudySubmitted is 300112 bytes; at most 262144 are allowed (hyperstream.sampler.max-spec-bytes)",
                false)).isEqualTo("too_large");
        assertThat(kind("unknown field(s) [extra] in StudySubmitted (known: [eventId, spec])", false))
                .isEqualTo("invalid_spec");
        assertThat(kind("names 'x' of a study", false)).isEqualTo("invalid_spec");
    }

    private static String kind(String reason, boolean duplicate) {
        return RejectionKind.of(new StudyRejected(Events.newId(), "s", Events.now(), reason, duplicate));
    }
}

package io.hyperstream.results.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.TrialState;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

    @Test
    void integersDefaultWhenAbsentAndMustLieInTheirRange() {
        assertThat(QueryParams.integer("size", null, 50, 1, 1000)).isEqualTo(50);
        assertThat(QueryParams.integer("size", " 7 ", 50, 1, 1000)).isEqualTo(7);
        assertThatThrownBy(() -> QueryParams.integer("size", "1001", 50, 1, 1000))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("size must be an integer from 1 to 1000, but got 1001");
        assertThatThrownBy(() -> QueryParams.integer("page", "1.5", 0, 0, Integer.MAX_VALUE))
                .hasMessage("page must be an integer >= 0, but got '1.5'");
    }

    @Test
    void constantsIgnoreCaseAndListTheChoices() {
        assertThat(QueryParams.constant("state", "pruned", TrialState.class)).isEqualTo(TrialState.PRUNED);
        assertThat(QueryParams.constant("state", "", TrialState.class)).isNull();
        assertThatThrownBy(() -> QueryParams.constant("state", "done", TrialState.class))
                .hasMessage("state must be one of [WAITING, RUNNING, COMPLETE, PRUNED, FAIL], but got 'done'");
    }
}

package io.hyperstream.cli.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StudyViewTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static StudyView read(String json) throws Exception {
        return StudyView.from(MAPPER.readTree(json));
    }

    @Test
    void readsTheResultsServiceStudy() throws Exception {
        StudyView v = read("""
                {"id":"branin-abc123","name":"branin","state":"COMPLETE","reason":"budget reached",
                 "spec":{"name":"branin"},"directions":["minimize"],
                 "counts":{"waiting":1,"running":2,"complete":20,"pruned":5,"fail":2,"total":30,"finished":27},
                 "best":{"number":7,"values":[0.4123],"params":{"x0":3.1,"x1":2,"opt":"adam","flag":true}},
                 "finishedTrials":27,"createdAt":"2026-11-29T00:00:00Z","acceptedAt":null}
                """);
        assertThat(v.id()).isEqualTo("branin-abc123");
        assertThat(v.name()).isEqualTo("branin");
        assertThat(v.state()).isEqualTo("COMPLETE");
        assertThat(v.reason()).isEqualTo("budget reached");
        assertThat(v.counts()).isEqualTo(new StudyView.Counts(1, 2, 20, 5, 2, 30, 27));
        assertThat(v.best().number()).isEqualTo(7);
        assertThat(v.best().values()).containsExactly(0.4123);
        assertThat(v.best().params()).containsEntry("x0", 3.1).containsEntry("x1", 2L)
                .containsEntry("opt", "adam").containsEntry("flag", true);
        assertThat(v.finishedTrials()).isEqualTo(27);
        assertThat(v.isCompleteWith(27)).isTrue();
        assertThat(v.isCompleteWith(28)).isFalse();
    }

    @Test
    void toleratesOtherNamesAndMissingFields() throws Exception {
        StudyView v = read("""
                {"studyId":"s-1","status":"running",
                 "trialCounts":{"WAITING":0,"RUNNING":3,"COMPLETED":4,"PRUNED":1,"FAILED":1},
                 "bestTrial":{"trialNumber":2,"value":1.5,"parameters":{"x":0.5}}}
                """);
        assertThat(v.id()).isEqualTo("s-1");
        assertThat(v.state()).isEqualTo("RUNNING");
        assertThat(v.counts()).isEqualTo(new StudyView.Counts(0, 3, 4, 1, 1, 9, 6));
        assertThat(v.best().number()).isEqualTo(2);
        assertThat(v.best().values()).containsExactly(1.5);
        assertThat(v.best().params()).containsEntry("x", 0.5);
        assertThat(v.finishedTrials()).isNull();
        assertThat(v.isCompleteWith(0)).isFalse();
    }

    @Test
    void noBestAndNoCounts() throws Exception {
        StudyView v = read("{\"id\":\"s-2\",\"state\":\"REJECTED\",\"reason\":\"bad\",\"best\":null}");
        assertThat(v.best()).isNull();
        assertThat(v.counts()).isEqualTo(new StudyView.Counts(0, 0, 0, 0, 0, 0, 0));
        assertThat(v.reason()).isEqualTo("bad");
    }
}

package io.hyperstream.sampler.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.Json;
import io.hyperstream.model.MalformedMessageException;
import io.hyperstream.model.event.StopStudyRequested;
import io.hyperstream.model.event.StudySubmitted;
import io.hyperstream.sampler.TestSpecs;
import org.junit.jupiter.api.Test;

class CommandReaderTest {

    @Test
    void readsASubmission() {
        StudySubmitted submitted = StudySubmitted.of("study-1", TestSpecs.branin(3L, 5, 2));

        IncomingCommand command = CommandReader.read(Json.write(submitted));

        assertThat(command).isEqualTo(IncomingCommand.Submit.of(submitted.eventId(), "study-1", submitted.spec()));
    }

    @Test
    void readsAStopRequest() {
        StopStudyRequested stop = StopStudyRequested.of("study-1", "enough");

        assertThat(CommandReader.read(Json.write(stop)))
                .isEqualTo(new IncomingCommand.Stop(stop.eventId(), "study-1", "enough"));
    }

    @Test
    void aSubmissionWithAnInvalidSpecIsReadWithTheProblem() {
        String json = """
                {"type":"StudySubmitted","eventId":"e1","studyId":"s1","timestamp":"2026-01-01T00:00:00Z",
                 "spec":{"name":"x","search_space":[{"name":"lr","type":"float","low":-1,"high":1,"log":true}],
                         "objective":{"kind":"synthetic"},"budget":{"n_trials":3}}}
                """;

        IncomingCommand.Submit submit = (IncomingCommand.Submit) CommandReader.read(json);

        assertThat(submit.studyId()).isEqualTo("s1");
        assertThat(submit.spec()).isNull();
        assertThat(submit.problem()).isEqualTo("search_space[0]: parameter 'lr': log=true needs low > 0, but got low=-1.0");
    }

    @Test
    void aSubmissionWithoutASpecOrWithAnUnknownFieldIsReadWithTheProblem() {
        IncomingCommand.Submit noSpec = (IncomingCommand.Submit) CommandReader.read(
                "{\"type\":\"StudySubmitted\",\"eventId\":\"e1\",\"studyId\":\"s1\"}");
        IncomingCommand.Submit extra = (IncomingCommand.Submit) CommandReader.read(
                "{\"type\":\"StudySubmitted\",\"eventId\":\"e1\",\"studyId\":\"s1\",\"spec\":{},\"priority\":1}");

        assertThat(noSpec.problem()).isEqualTo("spec is required");
        assertThat(extra.problem()).startsWith("unknown field(s) [priority] in StudySubmitted");
    }

    @Test
    void unreadableCommandsAreMalformedWithTheReason() {
        assertMalformed("{not json", "Unexpected character");
        assertMalformed("", "the message is empty");
        assertMalformed("[1,2]", "a study command must be a JSON object, but got array");
        assertMalformed("{\"type\":\"StudyDeleted\",\"eventId\":\"e\",\"studyId\":\"s\"}",
                "type must be StudySubmitted or StopStudyRequested, but got 'StudyDeleted'");
        assertMalformed("{\"eventId\":\"e\",\"studyId\":\"s\"}",
                "type must be StudySubmitted or StopStudyRequested, but got null");
        assertMalformed("{\"type\":\"StudySubmitted\",\"eventId\":\"e\",\"spec\":{}}", "studyId is required");
        assertMalformed("{\"type\":\"StudySubmitted\",\"studyId\":\"s\",\"spec\":{}}", "eventId is required");
        assertMalformed("{\"type\":\"StudySubmitted\",\"eventId\":\"e\",\"studyId\":7}",
                "studyId must be a non-empty string, but got 7");
        assertMalformed("{\"type\":\"StopStudyRequested\",\"eventId\":\"e\",\"studyId\":\"s\"}", "timestamp is required");
    }

    private static void assertMalformed(String text, String message) {
        assertThatThrownBy(() -> CommandReader.read(text))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(message);
    }
}

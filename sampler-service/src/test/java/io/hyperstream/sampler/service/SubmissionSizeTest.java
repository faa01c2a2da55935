package io.hyperstream.sampler.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.hyperstream.model.Json;
import io.hyperstream.model.event.StopStudyRequested;
import io.hyperstream.model.event.StudySubmitted;
import io.hyperstream.sampler.TestSpecs;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SubmissionSizeTest {

    @Test
    void aSubmissionOverTheLimitIsReadWithItsSizeAsTheProblem() {
        StudySubmitted submitted = StudySubmitted.of("big", TestSpecs.branin(3L, 5, 2));
        String json = Json.write(submitted);
        int size = json.getBytes(StandardCharsets.UTF_8).length;

        IncomingCommand.Submit over = (IncomingCommand.Submit) CommandReader.read(json, size - 1);
        IncomingCommand.Submit at = (IncomingCommand.Submit) CommandReader.read(json, size);

        assertThat(over.spec()).isNull();
        assertThat(over.studyId()).isEqualTo("big");
        assertThat(over.eventId()).isEqualTo(submitted.eventId());
        assertThat(over.problem()).isEqualTo("StudySubmitted is " + size + " bytes; at most " + (size - 1)
                + " are allowed (hyperstream.sampler.max-spec-bytes)");
        assertThat(at.spec()).isEqualTo(submitted.spec());
    }

    @Test
    void aStopRequestIsNotLimited() {
        StopStudyRequested stop = StopStudyRequested.of("s", "r".repeat(500));

        assertThat(CommandReader.read(Json.write(stop), 100)).isInstanceOf(IncomingCommand.Stop.class);
    }

    @Test
    void theSizeIsCountedInUtf8Bytes() {
        String text = "a\u00e9\u20ac\ud83d\ude00\ud800";

        assertThat(Utf8.length(text)).isEqualTo("a\u00e9\u20ac\ud83d\ude00?".getBytes(StandardCharsets.UTF_8).length);
        assertThat(Utf8.length(text)).isEqualTo(1 + 2 + 3 + 4 + 1);
    }
}

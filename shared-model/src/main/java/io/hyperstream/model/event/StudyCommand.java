package io.hyperstream.model.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Commands to the sampler on the study-commands topic (key: studyId). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StudySubmitted.class, name = "StudySubmitted"),
        @JsonSubTypes.Type(value = StopStudyRequested.class, name = "StopStudyRequested")})
public sealed interface StudyCommand extends Event permits StudySubmitted, StopStudyRequested {
}

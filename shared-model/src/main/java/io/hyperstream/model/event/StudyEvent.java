package io.hyperstream.model.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What the sampler announces about studies, on the study-events topic (key: studyId). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StudyAccepted.class, name = "StudyAccepted"),
        @JsonSubTypes.Type(value = StudyRejected.class, name = "StudyRejected"),
        @JsonSubTypes.Type(value = StudyCompleted.class, name = "StudyCompleted")})
public sealed interface StudyEvent extends Event permits StudyAccepted, StudyRejected, StudyCompleted {
}

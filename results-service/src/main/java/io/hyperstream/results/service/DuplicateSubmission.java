package io.hyperstream.results.service;

import java.time.Instant;

/**
 * A submission that reused a study's id and was rejected for it; the study itself is unchanged.
 *
 * @param eventId the eventId of the StudyRejected that answered it
 */
public record DuplicateSubmission(String eventId, String reason, Instant rejectedAt) {
}

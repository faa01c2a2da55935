package io.hyperstream.results.service;

import java.time.Instant;

/** A message some service could not read, where it came from and why it was refused. */
public record DeadLetterView(String eventId, String studyId, Instant timestamp, String service, String sourceTopic,
                             Integer partition, Long offset, String payload, String error) {
}

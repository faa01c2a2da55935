package io.hyperstream.pruner.service;

/**
 * What the pruner holds for one study: its pruner (as configured, or why it could not be built),
 * whether its trials get verdicts, and how many trials it knows and has seen complete.
 */
public record StudySummary(String studyId, String pruner, boolean verdicts, String prunerError, int trials,
                           int completeTrials) {
}

package io.hyperstream.trainer.service;

/**
 * What a trainer is doing: its id and share group, the trial it runs (if any) and which attempt
 * of it, and how many trials it has ended, failed after too many attempts, and malformed records
 * it has refused.
 */
public record TrainerStatus(String trainerId, String group, boolean running, String studyId, Integer trialNumber,
                            Integer attempt, long trialsFinished, long trialsOutOfAttempts, long recordsDeadLettered) {
}

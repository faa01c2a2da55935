package io.hyperstream.trainer.service;

import java.util.List;

/**
 * What a trainer is doing: its id and group, the trial it runs (if any), the trials-topic
 * partitions it owns, and how many trials it has finished and malformed records it has refused.
 */
public record TrainerStatus(String trainerId, String group, boolean running, String studyId, Integer trialNumber,
                            List<Integer> partitions, long trialsFinished, long recordsDeadLettered) {
}

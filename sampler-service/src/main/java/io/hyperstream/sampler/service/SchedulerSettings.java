package io.hyperstream.sampler.service;

import java.util.List;

/**
 * What the scheduler accepts besides a valid spec.
 *
 * @param trainerKinds objective kinds that some trainer can run
 * @param prunerTypes  pruner types that the pruner service implements
 */
public record SchedulerSettings(List<String> trainerKinds, List<String> prunerTypes) {

    public SchedulerSettings {
        if (trainerKinds == null || trainerKinds.isEmpty()) {
            throw new IllegalArgumentException("trainer kinds must name at least one kind, but got " + trainerKinds);
        }
        if (prunerTypes == null || prunerTypes.isEmpty()) {
            throw new IllegalArgumentException("pruner types must name at least one type, but got " + prunerTypes);
        }
        trainerKinds = trainerKinds.stream().map(String::trim).toList();
        prunerTypes = prunerTypes.stream().map(String::trim).toList();
    }
}

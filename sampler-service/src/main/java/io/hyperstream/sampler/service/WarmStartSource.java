package io.hyperstream.sampler.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Finds earlier studies and their completed trials, for studies that start from them. */
@FunctionalInterface
public interface WarmStartSource {

    /** Finds nothing: for schedulers without access to earlier studies. */
    WarmStartSource NONE = (studyIds, cutoff) -> Map.of();

    /**
     * The studies among {@code studyIds} that were accepted, each with the trials that had
     * completed by {@code cutoff}; a study that cannot be found is absent from the result.
     */
    Map<String, EarlierStudy> find(List<String> studyIds, Instant cutoff);
}

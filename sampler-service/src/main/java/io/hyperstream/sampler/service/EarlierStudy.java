package io.hyperstream.sampler.service;

import io.hyperstream.model.spec.StudySpec;
import java.util.List;
import java.util.Map;

/**
 * A study found in the topics for a warm start: its spec as run and its completed trials.
 *
 * @param completed the COMPLETE trials, in the order they completed
 */
public record EarlierStudy(String studyId, StudySpec spec, List<CompletedTrial> completed) {

    public EarlierStudy {
        completed = List.copyOf(completed);
    }

    /** One completed trial: its number in that study, its parameters and its objective values. */
    public record CompletedTrial(int number, Map<String, Object> params, List<Double> values) {
    }
}

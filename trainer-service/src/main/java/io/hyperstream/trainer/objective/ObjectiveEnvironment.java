package io.hyperstream.trainer.objective;

import java.nio.file.Path;
import java.util.List;

/**
 * What a trainer tells the objectives it creates about itself: where data sets are and how much
 * memory one model may take.
 *
 * @param dataDirectories       folders searched, in order, for a data set named by file name
 * @param modelMemoryLimitBytes the largest estimated memory a trial's model may need; larger
 *                              configurations fail before training
 */
public record ObjectiveEnvironment(List<Path> dataDirectories, long modelMemoryLimitBytes) {

    /** The memory limit of a model when none is configured: 256 MB. */
    public static final long DEFAULT_MODEL_MEMORY_LIMIT = 256L * 1024 * 1024;

    public ObjectiveEnvironment {
        dataDirectories = List.copyOf(dataDirectories);
        if (modelMemoryLimitBytes <= 0) {
            throw new IllegalArgumentException("the model memory limit must be positive, but got " + modelMemoryLimitBytes);
        }
    }
}

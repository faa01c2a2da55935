package io.hyperstream.trainer.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of a trainer ({@code hyperstream.trainer.*}). */
@ConfigMapping(prefix = "hyperstream.trainer")
public interface TrainerConfig {

    /** This trainer's id in events and logs; by default the host name plus a short random suffix. */
    Optional<String> id();

    /** The consumer group all trainers share: the work queue of the trials topic. */
    @WithDefault("hpo-trainers")
    String group();

    /** How long a pruned trial waits for the verdict on an epoch before it trains on without one. */
    @WithDefault("5s")
    Duration verdictTimeout();

    /** How long one poll of the trials or verdicts topic blocks (also the delay before a finished trial's offset is committed). */
    @WithDefault("100ms")
    Duration pollTimeout();

    /** Heartbeat interval of this trainer in the consumer group ({@code heartbeat.interval.ms}). */
    @WithDefault("500ms")
    Duration heartbeatInterval();

    /** How long a silent trainer stays in the group before its partitions go to others ({@code session.timeout.ms}). */
    @WithDefault("10s")
    Duration sessionTimeout();

    /** How long a trainer that loses a partition, or stops, waits for its cancelled trial to stop. */
    @WithDefault("10s")
    Duration cancelGrace();

    /** Pause before a record whose events could not be stored on the broker is processed again. */
    @WithDefault("2s")
    Duration retryBackoff();

    /**
     * Folders searched, in order, for a data set an objective names by file name; a relative
     * folder is tried against the working directory and then against the repository holding it.
     */
    @WithDefault("data,../shared/datasets")
    List<String> dataDirs();

    /** The largest estimated memory one trial's model may need; a larger configuration fails before training. */
    @WithDefault("256M")
    MemorySize modelMemoryLimit();

    /** A folder whose jars hold objective plug-ins (see ObjectivePlugin); none by default. */
    Optional<Path> pluginsDir();
}

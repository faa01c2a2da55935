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

    /** The share group all trainers join: the work queue of the trials topic. */
    @WithDefault("hpo-trainers")
    String group();

    /** How long a pruned trial waits for the verdict on an epoch before it trains on without one. */
    @WithDefault("5s")
    Duration verdictTimeout();

    /** How long one poll of the trials or verdicts topic blocks when there is nothing to read. */
    @WithDefault("100ms")
    Duration pollTimeout();

    /**
     * A trial's lease: the share group's record lock duration. The trainer running a trial renews
     * it every third of this; a trial whose trainer stops renewing (hung, cut off) goes to
     * another trainer when it ends. A trainer that dies is noticed at once by the broker.
     */
    @WithDefault("15s")
    Duration lease();

    /**
     * How many times a trial is started before a trainer that receives it again fails it
     * instead (every trainer that took it stopped before ending it).
     */
    @WithDefault("3")
    int maxAttempts();

    /** How long a trainer that stops, or loses a trial's lease, waits for its cancelled trial to stop. */
    @WithDefault("10s")
    Duration cancelGrace();

    /**
     * The longest one attempt of a trial may run: past it the objective is interrupted and the
     * trial fails with this limit as its reason (an objective that ignores the interrupt is stopped
     * at its next epoch report).
     */
    @WithDefault("24h")
    Duration trialTimeout();

    /** Pause before this trainer takes a trial again after the events of one could not be stored. */
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

    /** How long the work queue's depth read from the broker serves metrics scrapes before the broker is asked again. */
    @WithDefault("5s")
    Duration queueDepthMaxAge();
}

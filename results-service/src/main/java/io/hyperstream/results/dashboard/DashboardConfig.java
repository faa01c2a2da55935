package io.hyperstream.results.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the dashboard's aggregation cache and live updates ({@code hyperstream.dashboard.*}). */
@ConfigMapping(prefix = "hyperstream.dashboard")
public interface DashboardConfig {

    /** How many studies keep their trials' summaries in memory for the plots (least recently viewed dropped first). */
    @WithDefault("16")
    int cachedStudies();

    /**
     * Age after which a study's cached trials are read again in full. Writes of this instance are
     * tracked trial by trial; this bounds how stale writes of other results-service instances get.
     */
    @WithDefault("5m")
    Duration cacheMaxAge();

    /** Changes stored within this interval go out as one live update per study. */
    @WithDefault("500ms")
    Duration liveInterval();

    /** Interval of the keep-alive message on idle live-update streams. */
    @WithDefault("15s")
    Duration heartbeat();
}

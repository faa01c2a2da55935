package io.hyperstream.results.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.quarkus.runtime.configuration.MemorySize;
import java.time.Duration;
import java.util.Optional;

/** Settings of the results service ({@code hyperstream.results.*}). */
@ConfigMapping(prefix = "hyperstream.results")
public interface ResultsConfig {

    /** MongoDB database holding the studies, trials and dead_letters collections. */
    @WithDefault("hyperstream")
    String database();

    /** First wait before a store that failed because MongoDB was unreachable is tried again; doubles on each retry. */
    @WithDefault("100ms")
    Duration retryBackoff();

    /** Longest wait between two tries of a store while MongoDB is unreachable. */
    @WithDefault("5s")
    Duration retryMaxBackoff();

    /**
     * The token every API request must carry (Authorization: Bearer, or the hyperstream_token
     * cookie); unset, the API is open. Give it through the environment (HYPERSTREAM_RESULTS_API_TOKEN).
     */
    Optional<String> apiToken();

    /** The largest request body accepted (a study spec); larger ones are answered 413. */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /** How many studies' trial indexes (number, state, values and params of every trial) are kept in memory. */
    @WithDefault("16")
    int trialIndexStudies();
}

package io.hyperstream.model.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How many trials a study runs in total, how many run at once, and an optional time limit in
 * seconds after which no new trial starts (running ones finish).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Budget(int nTrials, int parallelism, Double timeout) {

    public Budget {
        if (nTrials < 1) {
            throw new IllegalArgumentException("n_trials must be >= 1, but got " + nTrials);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, but got " + parallelism);
        }
        if (timeout != null && !(timeout > 0 && Double.isFinite(timeout))) {
            throw new IllegalArgumentException("timeout must be a positive number of seconds, but got " + timeout);
        }
    }

    @JsonCreator
    static Budget fromJson(@JsonProperty("n_trials") Integer nTrials,
                           @JsonProperty("parallelism") Integer parallelism,
                           @JsonProperty("timeout") Double timeout) {
        if (nTrials == null) {
            throw new IllegalArgumentException("n_trials is required");
        }
        return new Budget(nTrials, parallelism == null ? 1 : parallelism, timeout);
    }
}

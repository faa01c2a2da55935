package io.hyperstream.model.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * What a trial runs: the trainer kind, its fixed settings, the metric(s) to optimize (one per
 * study direction) and the number of epochs a trial trains at most.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ObjectiveSpec(String kind, Map<String, Object> settings, List<String> metrics, int maxEpochs) {

    public ObjectiveSpec {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("kind must name a trainer kind, but got " + kind);
        }
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        metrics = metrics == null || metrics.isEmpty() ? List.of("value") : List.copyOf(metrics);
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("max_epochs must be >= 1, but got " + maxEpochs);
        }
    }

    @JsonCreator
    static ObjectiveSpec fromJson(@JsonProperty("kind") String kind,
                                  @JsonProperty("settings") Map<String, Object> settings,
                                  @JsonProperty("metric") String metric,
                                  @JsonProperty("metrics") List<String> metrics,
                                  @JsonProperty("max_epochs") Integer maxEpochs) {
        if (metric != null && metrics != null) {
            throw new IllegalArgumentException("give either metric or metrics, not both");
        }
        return new ObjectiveSpec(kind, settings, metric != null ? List.of(metric) : metrics,
                maxEpochs == null ? 1 : maxEpochs);
    }

    /** The single metric of a single-objective study. */
    @JsonIgnore
    public String metric() {
        return metrics.get(0);
    }
}

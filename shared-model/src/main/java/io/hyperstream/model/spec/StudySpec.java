package io.hyperstream.model.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A study: what to tune (the search space), how (sampler, pruner), against what (the objective,
 * optimized in the given directions), and for how long (the budget).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StudySpec(
        String name,
        List<Direction> directions,
        List<ParamSpec> searchSpace,
        SamplerSpec sampler,
        PrunerSpec pruner,
        ObjectiveSpec objective,
        Budget budget) {

    public StudySpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        if (directions == null || directions.isEmpty()) {
            directions = List.of(Direction.MINIMIZE);
        }
        directions = List.copyOf(directions);
        if (searchSpace == null || searchSpace.isEmpty()) {
            throw new IllegalArgumentException("search_space must hold at least one parameter");
        }
        searchSpace = List.copyOf(searchSpace);
        sampler = sampler == null ? SamplerSpec.defaults() : sampler;
        pruner = pruner == null ? PrunerSpec.defaults() : pruner;
        if (objective == null) {
            throw new IllegalArgumentException("objective is required");
        }
        if (budget == null) {
            throw new IllegalArgumentException("budget is required");
        }
        if (objective.metrics().size() != directions.size()) {
            throw new IllegalArgumentException("objective names " + objective.metrics().size()
                    + " metric(s) " + objective.metrics() + " but the study has " + directions.size()
                    + " direction(s) " + directions);
        }
        checkParameters(searchSpace);
    }

    private static void checkParameters(List<ParamSpec> space) {
        Map<String, ParamSpec> earlier = new HashMap<>();
        for (ParamSpec p : space) {
            if (earlier.containsKey(p.name())) {
                throw new IllegalArgumentException("search_space: parameter name '" + p.name() + "' is used twice");
            }
            Condition c = p.condition();
            if (c != null) {
                ParamSpec parent = earlier.get(c.param());
                if (parent == null) {
                    throw new IllegalArgumentException("search_space: parameter '" + p.name()
                            + "' has a condition on '" + c.param()
                            + "', which is not a parameter defined before it");
                }
                if ((c.min() != null || c.max() != null)
                        && parent.distribution() instanceof CategoricalDistribution) {
                    throw new IllegalArgumentException("search_space: parameter '" + p.name()
                            + "' has a min/max condition on categorical '" + c.param() + "': use 'in'");
                }
            }
            earlier.put(p.name(), p);
        }
    }

    @JsonCreator
    static StudySpec fromJson(@JsonProperty("name") String name,
                              @JsonProperty("direction") Direction direction,
                              @JsonProperty("directions") List<Direction> directions,
                              @JsonProperty("search_space") List<ParamSpec> searchSpace,
                              @JsonProperty("sampler") SamplerSpec sampler,
                              @JsonProperty("pruner") PrunerSpec pruner,
                              @JsonProperty("objective") ObjectiveSpec objective,
                              @JsonProperty("budget") Budget budget) {
        if (direction != null && directions != null) {
            throw new IllegalArgumentException("give either direction or directions, not both");
        }
        return new StudySpec(name, direction != null ? List.of(direction) : directions,
                searchSpace, sampler, pruner, objective, budget);
    }

    /** Whether the study optimizes more than one objective. */
    @JsonIgnore
    public boolean isMultiObjective() {
        return directions.size() > 1;
    }

    /** The direction of a single-objective study. */
    @JsonIgnore
    public Direction direction() {
        return directions.get(0);
    }

    /** This spec with the sampler's seed set (to record the seed a study actually ran with). */
    public StudySpec withSamplerSeed(long seed) {
        return new StudySpec(name, directions, searchSpace,
                new SamplerSpec(sampler.type(), sampler.options(), seed), pruner, objective, budget);
    }

    /** The parameter of that name, or null. */
    public ParamSpec param(String paramName) {
        return searchSpace.stream().filter(p -> p.name().equals(paramName)).findFirst().orElse(null);
    }
}

package io.hyperstream.model.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A study: what to tune (the search space), how (sampler, pruner), against what (the objective,
 * optimized in the given directions), for how long (the budget), and what it starts from
 * (trials to run first, earlier studies whose trials it learns from).
 *
 * @param enqueueTrials parameter values the first trials run with, in order (Optuna's
 *                      {@code enqueue_trial}); a parameter left out is sampled. Empty by default.
 * @param warmStart     earlier studies whose completed trials the sampler sees first; null for none
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StudySpec(
        String name,
        List<Direction> directions,
        List<ParamSpec> searchSpace,
        SamplerSpec sampler,
        PrunerSpec pruner,
        ObjectiveSpec objective,
        Budget budget,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Map<String, Object>> enqueueTrials,
        @JsonInclude(JsonInclude.Include.NON_NULL) WarmStartSpec warmStart) {

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
        SpecLimits.check(name, searchSpace, objective);
        checkParameters(searchSpace);
        enqueueTrials = checkEnqueued(enqueueTrials, searchSpace, budget);
    }

    /** A study that starts from scratch: no enqueued trials, no warm start. */
    public StudySpec(String name, List<Direction> directions, List<ParamSpec> searchSpace, SamplerSpec sampler,
                     PrunerSpec pruner, ObjectiveSpec objective, Budget budget) {
        this(name, directions, searchSpace, sampler, pruner, objective, budget, null, null);
    }

    private static List<Map<String, Object>> checkEnqueued(List<Map<String, Object>> trials, List<ParamSpec> space,
                                                           Budget budget) {
        if (trials == null || trials.isEmpty()) {
            return List.of();
        }
        if (trials.size() > budget.nTrials()) {
            throw new IllegalArgumentException("enqueue_trials holds " + trials.size()
                    + " trials, but budget.n_trials is " + budget.nTrials());
        }
        List<Map<String, Object>> checked = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            checked.add(TrialParams.enqueued(i, trials.get(i), space));
        }
        return Collections.unmodifiableList(checked);
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
                              @JsonProperty("budget") Budget budget,
                              @JsonProperty("enqueue_trials") List<Map<String, Object>> enqueueTrials,
                              @JsonProperty("warm_start") WarmStartSpec warmStart) {
        if (direction != null && directions != null) {
            throw new IllegalArgumentException("give either direction or directions, not both");
        }
        return new StudySpec(name, direction != null ? List.of(direction) : directions,
                searchSpace, sampler, pruner, objective, budget, enqueueTrials, warmStart);
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
                new SamplerSpec(sampler.type(), sampler.options(), seed), pruner, objective, budget,
                enqueueTrials, warmStart);
    }

    /** This spec with these trials run first (checked against the search space). */
    public StudySpec withEnqueueTrials(List<Map<String, Object>> trials) {
        return new StudySpec(name, directions, searchSpace, sampler, pruner, objective, budget, trials, warmStart);
    }

    /** This spec seeded with the completed trials of these earlier studies (null: none). */
    public StudySpec withWarmStart(WarmStartSpec start) {
        return new StudySpec(name, directions, searchSpace, sampler, pruner, objective, budget, enqueueTrials, start);
    }

    /**
     * Why {@code params} are not a complete trial of this search space (a value outside its
     * distribution, a parameter missing or present against its condition, an unknown name), or
     * null when they are.
     */
    public String misfit(Map<String, Object> params) {
        return TrialParams.misfit(searchSpace, params);
    }

    /** The parameter of that name, or null. */
    public ParamSpec param(String paramName) {
        return searchSpace.stream().filter(p -> p.name().equals(paramName)).findFirst().orElse(null);
    }
}

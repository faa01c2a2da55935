package io.hyperstream.sampler.algorithm;

import io.hyperstream.model.spec.Distribution;
import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.model.spec.StudySpec;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Grid search, as Optuna's {@code GridSampler}: every configuration of a finite space is tried
 * once, in an order shuffled by the seed. The values of a parameter come from the
 * {@code search_space} option or, when it does not name the parameter, from its distribution
 * (categorical choices, every value of an integer or stepped range, an even spread of
 * {@code n_points_per_float} values for a continuous float). Conditional parameters belong to a
 * configuration exactly when their condition holds in it. A configuration counts as assigned once
 * a trial, finished or in flight, has it; when all are, the sampler is {@link #exhausted}.
 */
public final class GridSampler implements Sampler {

    /** The option names a spec may give. */
    public static final Set<String> OPTION_NAMES = Set.of("search_space", "n_points_per_float", "max_grid_size");

    private final GridOptions options;
    private final long seed;
    private Grid grid;
    /** Grid points this sampler assigned or saw in a trial. */
    private final BitSet assigned = new BitSet();
    /** Trials whose grid point is already in {@link #assigned}. */
    private final Set<Integer> accountedTrials = new HashSet<>();
    /** How far {@link Grid#order()} is known to be assigned. */
    private int cursor;

    public GridSampler(GridOptions options, long seed) {
        this.options = options;
        this.seed = seed;
    }

    @Override
    public void checkSpec(StudySpec spec) {
        grid(spec);
    }

    @Override
    public Optional<String> exhausted(StudyView study) {
        Grid g = grid(study.spec());
        account(study);
        return assigned.cardinality() < g.size()
                ? Optional.empty()
                : Optional.of("grid exhausted: all " + g.size() + " configurations assigned");
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(StudyView study, int trialNumber) {
        Map<String, Distribution> space = new LinkedHashMap<>();
        for (ParamSpec param : study.spec().searchSpace()) {
            space.put(param.name(), param.distribution());
        }
        return space;
    }

    @Override
    public Map<String, Object> sampleRelative(StudyView study, int trialNumber, Map<String, Distribution> searchSpace) {
        Grid g = grid(study.spec());
        account(study);
        int[] order = g.order();
        while (cursor < order.length && assigned.get(order[cursor])) {
            cursor++;
        }
        if (cursor == order.length) {
            throw new IllegalStateException("grid exhausted: all " + g.size()
                    + " configurations are assigned, none is left for trial " + trialNumber);
        }
        int point = order[cursor];
        assigned.set(point);
        return g.point(point);
    }

    @Override
    public Object sampleIndependent(StudyView study, int trialNumber, Map<String, Object> paramsSoFar, ParamSpec param) {
        // A grid point holds every parameter whose condition holds, so the walk never asks.
        throw new IllegalStateException("the grid point of trial " + trialNumber + " has no value for parameter '"
                + param.name() + "'");
    }

    /** Marks the grid points of trials not seen before (finished or in flight) as assigned. */
    private void account(StudyView study) {
        for (List<FrozenTrial> trials : List.of(study.finishedTrials(), study.runningTrials())) {
            for (FrozenTrial t : trials) {
                if (accountedTrials.add(t.number())) {
                    int point = grid.indexOf(t.params());
                    if (point >= 0) {
                        assigned.set(point);
                    }
                }
            }
        }
    }

    private Grid grid(StudySpec spec) {
        if (grid == null || !grid.spec().equals(spec)) {
            grid = Grid.of(spec, options, new SplittableRandom(seed));
            assigned.clear();
            accountedTrials.clear();
            cursor = 0;
        }
        return grid;
    }
}

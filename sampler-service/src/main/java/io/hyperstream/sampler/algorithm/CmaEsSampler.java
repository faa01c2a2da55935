package io.hyperstream.sampler.algorithm;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.CategoricalDistribution;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.model.spec.Distribution;
import io.hyperstream.model.spec.FloatDistribution;
import io.hyperstream.model.spec.IntDistribution;
import io.hyperstream.model.spec.ParamSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * CMA-ES over the numeric parameters every trial has, as Optuna's {@code CmaEsSampler}: the
 * unconditional float and int parameters are searched jointly in the unit cube (log scale for
 * log parameters, integers and stepped floats as intervals widened by half a step and rounded
 * back to their grid), while categorical and conditional parameters, the first
 * {@code n_startup_trials} trials and multi-objective studies are sampled uniformly at random.
 *
 * <p>Each trial asked gets a fresh draw from the current distribution and belongs to the current
 * generation; the distribution is updated as soon as {@code popsize} completed trials of that
 * generation exist (the lowest-numbered ones). Pruned and failed trials do not count, unless
 * {@code consider_pruned_trials} lets a pruned trial count with its last reported value. Trials
 * of an older generation that finish late are not used. With {@code restart_strategy} "ipop" or
 * "bipop", a converged search restarts from a random point with a larger (or, for BIPOP's small
 * regime, a randomly sized) population.
 */
public final class CmaEsSampler implements Sampler {

    /** The option names a spec may give. */
    public static final Set<String> OPTION_NAMES = Set.of("x0", "sigma0", "n_startup_trials", "popsize",
            "inc_popsize", "restart_strategy", "consider_pruned_trials", "with_margin");

    /** What to do when a search has converged. */
    public enum RestartStrategy {
        /** Keep sampling from the converged distribution. */
        NONE,
        /** Restart from a random point with the population multiplied by {@code inc_popsize} (Auger and Hansen, 2005). */
        IPOP,
        /** Alternate IPOP restarts with cheap runs of small, random population and step size (Hansen, 2009). */
        BIPOP
    }

    /**
     * CMA-ES's settings; the defaults are Optuna 3.1's.
     *
     * @param x0        the initial mean by parameter name (external values); missing parameters start at the centre
     * @param sigma0    the initial step size as a fraction of every parameter's range, or null for 1/6
     * @param popsize   the (initial) population size, or null for 4 + floor(3 ln n)
     */
    public record Options(Map<String, Double> x0, Double sigma0, int nStartupTrials, Integer popsize,
                          int incPopsize, RestartStrategy restartStrategy, boolean considerPrunedTrials,
                          boolean withMargin) {

        public Options {
            x0 = x0 == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(x0));
            for (Map.Entry<String, Double> e : x0.entrySet()) {
                if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                    throw invalid("x0", "a map of parameter name to number", "{" + e.getKey() + "=" + e.getValue() + "}");
                }
            }
            if (sigma0 != null && !(sigma0 > 0 && Double.isFinite(sigma0))) {
                throw invalid("sigma0", "a number > 0", sigma0);
            }
            if (nStartupTrials < 0) {
                throw invalid("n_startup_trials", "an integer >= 0", nStartupTrials);
            }
            if (popsize != null && popsize < 2) {
                throw invalid("popsize", "an integer >= 2", popsize);
            }
            if (incPopsize < 1) {
                throw invalid("inc_popsize", "an integer >= 1", incPopsize);
            }
            if (restartStrategy == null) {
                restartStrategy = RestartStrategy.NONE;
            }
        }

        public static Options defaults() {
            return new Options(Map.of(), null, 1, null, 2, RestartStrategy.NONE, false, false);
        }

        /** Options from a spec's {@code sampler.options}, defaults for the rest. */
        public static Options from(Map<String, Object> options) {
            SamplerRegistry.requireKnownOptions("cmaes", options, OPTION_NAMES);
            Options d = defaults();
            OptionReader r = new OptionReader("cmaes", options);
            Object popsize = options.get("popsize");
            Object sigma0 = options.get("sigma0");
            return new Options(
                    x0(options.get("x0")),
                    sigma0 == null ? null : r.number("sigma0", 0),
                    r.integer("n_startup_trials", d.nStartupTrials),
                    popsize == null ? null : r.integer("popsize", 0),
                    r.integer("inc_popsize", d.incPopsize),
                    restartStrategy(options.get("restart_strategy")),
                    r.bool("consider_pruned_trials", d.considerPrunedTrials),
                    r.bool("with_margin", d.withMargin));
        }

        private static Map<String, Double> x0(Object value) {
            if (value == null) {
                return Map.of();
            }
            if (!(value instanceof Map<?, ?> map)) {
                throw invalid("x0", "a map of parameter name to number", value);
            }
            Map<String, Double> x0 = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String name) || !(e.getValue() instanceof Number n)) {
                    throw invalid("x0", "a map of parameter name to number", value);
                }
                x0.put(name, n.doubleValue());
            }
            return x0;
        }

        private static RestartStrategy restartStrategy(Object value) {
            if (value == null) {
                return RestartStrategy.NONE;
            }
            if ("ipop".equals(value)) {
                return RestartStrategy.IPOP;
            }
            if ("bipop".equals(value)) {
                return RestartStrategy.BIPOP;
            }
            throw invalid("restart_strategy", "null, \"ipop\" or \"bipop\"", value);
        }

        private static IllegalArgumentException invalid(String name, String expected, Object value) {
            return new IllegalArgumentException("sampler.options." + name + " of sampler 'cmaes' must be "
                    + expected + ", but got " + value);
        }
    }

    /** The largest population a restart grows to. */
    private static final int MAX_POPULATION = 1 << 16;
    /** Grids with more values than this are searched as continuous even with the margin. */
    private static final int MAX_GRID = 10_000;

    /** One relative parameter: its unit-interval coordinate maps linearly onto [low, high] of its model scale. */
    private record Axis(String name, SearchDimension dimension, double low, double high, double[] grid) {

        double toUnit(Object value) {
            return (dimension.toModel(value) - low) / (high - low);
        }

        Object toValue(double u) {
            return dimension.toValue(low + u * (high - low));
        }
    }

    /** A point handed to a trial: the search run and generation it was drawn in, and the point to tell. */
    private record Candidate(int run, int generation, double[] x) {
    }

    private final Options options;
    private final SplittableRandom independentRandom;
    private final SplittableRandom cmaRandom;

    private List<Axis> axes;
    private CmaEs optimizer;
    private IntegerMargin margin;
    private int run;
    /** The points handed out in the current generation, by trial number. */
    private final Map<Integer, Candidate> candidates = new HashMap<>();
    private int initialPopulation;
    private int largeRestarts;
    private long smallRegimeEvaluations;
    private long largeRegimeEvaluations;
    private boolean smallRegime = true;

    public CmaEsSampler(Options options, long seed) {
        this.options = options;
        SplittableRandom root = new SplittableRandom(seed);
        this.independentRandom = root.split();
        this.cmaRandom = root.split();
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(StudyView study, int trialNumber) {
        if (study.directions().size() != 1) {
            return Map.of();
        }
        Map<String, Distribution> space = new LinkedHashMap<>();
        for (ParamSpec param : study.spec().searchSpace()) {
            Distribution d = param.distribution();
            if (!param.isConditional() && !(d instanceof CategoricalDistribution) && !d.isSingle()) {
                space.put(param.name(), d);
            }
        }
        return space;
    }

    @Override
    public Map<String, Object> sampleRelative(StudyView study, int trialNumber, Map<String, Distribution> searchSpace) {
        // Multi-objective studies have no ranking CMA-ES could use: every parameter is drawn at random.
        if (study.directions().size() != 1 || searchSpace.isEmpty()) {
            return Map.of();
        }
        if (!hasObserved(study, options.nStartupTrials())) {
            return Map.of();
        }
        if (axes == null || !sameSpace(searchSpace)) {
            start(searchSpace);
        }
        tellIfGenerationComplete(study);

        double[] raw = optimizer.ask(cmaRandom);
        double[] point = margin == null ? raw : margin.encode(raw, optimizer.mean);
        candidates.put(trialNumber, new Candidate(run, optimizer.generation(), raw));
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < axes.size(); i++) {
            values.put(axes.get(i).name(), axes.get(i).toValue(point[i]));
        }
        return values;
    }

    @Override
    public Object sampleIndependent(StudyView study, int trialNumber, Map<String, Object> paramsSoFar, ParamSpec param) {
        return RandomSampler.sample(param.distribution(), independentRandom);
    }

    /** The population size of the current search (0 before the first), for tests of restarts. */
    int populationSize() {
        return optimizer == null ? 0 : optimizer.populationSize;
    }

    /** How many times the current search has updated its distribution. */
    int generation() {
        return optimizer == null ? 0 : optimizer.generation();
    }

    /** How many searches have been started, the first included. */
    int runs() {
        return optimizer == null ? 0 : run + 1;
    }

    /** Whether at least n finished trials have a value CMA-ES could learn from. */
    private boolean hasObserved(StudyView study, int n) {
        int count = 0;
        for (FrozenTrial t : study.finishedTrials()) {
            if (count >= n) {
                break;
            }
            if (observedValue(t, Direction.MINIMIZE) != null) {
                count++;
            }
        }
        return count >= n;
    }

    /** The value to minimize a finished trial counts with, or null if CMA-ES does not learn from it. */
    private Double observedValue(FrozenTrial t, Direction direction) {
        Double value = null;
        if (t.state() == TrialState.COMPLETE) {
            value = t.value();
        } else if (t.state() == TrialState.PRUNED && options.considerPrunedTrials()
                && !t.intermediateValues().isEmpty()) {
            value = t.intermediateValues().get(t.intermediateValues().lastKey());
        }
        return value != null && direction == Direction.MAXIMIZE ? Double.valueOf(-value) : value;
    }

    private boolean sameSpace(Map<String, Distribution> searchSpace) {
        if (searchSpace.size() != axes.size()) {
            return false;
        }
        for (Axis axis : axes) {
            if (!axis.dimension().distribution().equals(searchSpace.get(axis.name()))) {
                return false;
            }
        }
        return true;
    }

    private void start(Map<String, Distribution> searchSpace) {
        List<Axis> built = new ArrayList<>();
        searchSpace.forEach((name, distribution) -> built.add(axis(name, distribution)));
        axes = List.copyOf(built);
        candidates.clear();
        run = 0;
        largeRestarts = 0;
        smallRegimeEvaluations = 0;
        largeRegimeEvaluations = 0;
        smallRegime = true;
        int n = axes.size();
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            Axis axis = axes.get(i);
            Double x0 = options.x0().get(axis.name());
            mean[i] = x0 == null ? 0.5 : Math.max(0, Math.min(1, fromX0(axis, x0)));
        }
        int popsize = options.popsize() == null ? 0 : options.popsize();
        optimizer = newOptimizer(mean, defaultSigma(), popsize);
        initialPopulation = optimizer.populationSize;
    }

    private Axis axis(String name, Distribution distribution) {
        SearchDimension dim = SearchDimension.of(name, distribution);
        double[] grid = options.withMargin() ? gridValues(distribution) : null;
        if (grid == null) {
            return new Axis(name, dim, dim.low(), dim.high(), null);
        }
        // With the margin the grid's end values are the bounds (Optuna's transform_step=False).
        double low = grid[0];
        double high = grid[grid.length - 1];
        double[] unit = new double[grid.length];
        for (int k = 0; k < grid.length; k++) {
            unit[k] = (grid[k] - low) / (high - low);
        }
        return new Axis(name, dim, low, high, unit);
    }

    /** The grid values of a discrete distribution on its model scale, or null if continuous or too fine. */
    private static double[] gridValues(Distribution distribution) {
        if (distribution instanceof IntDistribution i) {
            long count = (i.effectiveHigh() - i.low()) / i.step() + 1;
            if (count > MAX_GRID) {
                return null;
            }
            double[] grid = new double[(int) count];
            for (int k = 0; k < count; k++) {
                double v = i.low() + (double) k * i.step();
                grid[k] = i.log() ? Math.log(v) : v;
            }
            return grid;
        }
        FloatDistribution f = (FloatDistribution) distribution;
        if (f.step() == null) {
            return null;
        }
        long count = Math.round((f.effectiveHigh() - f.low()) / f.step()) + 1;
        if (count > MAX_GRID) {
            return null;
        }
        double[] grid = new double[(int) count];
        for (int k = 0; k < count; k++) {
            grid[k] = f.low() + k * f.step();
        }
        return grid;
    }

    private static double fromX0(Axis axis, double value) {
        Distribution d = axis.dimension().distribution();
        boolean log = d instanceof IntDistribution i ? i.log() : ((FloatDistribution) d).log();
        if (log && !(value > 0)) {
            return 0;
        }
        return ((log ? Math.log(value) : value) - axis.low()) / (axis.high() - axis.low());
    }

    private double defaultSigma() {
        // Every coordinate spans [0, 1], so Optuna's min(range) / 6 is 1/6.
        return options.sigma0() == null ? 1.0 / 6 : options.sigma0();
    }

    private CmaEs newOptimizer(double[] mean, double sigma, int popsize) {
        int n = mean.length;
        double[] lower = new double[n];
        double[] upper = new double[n];
        boolean[] bounded = new boolean[n];
        double[][] grids = new double[n][];
        boolean discrete = false;
        for (int i = 0; i < n; i++) {
            upper[i] = 1;
            grids[i] = axes.get(i).grid();
            bounded[i] = grids[i] == null;
            discrete |= grids[i] != null;
        }
        CmaEs cma = new CmaEs(mean, sigma, lower, upper, bounded, popsize, 10 * n);
        margin = discrete ? new IntegerMargin(grids, cma.populationSize) : null;
        return cma;
    }

    /** Updates the distribution once popsize trials of the current generation have a value. */
    private void tellIfGenerationComplete(StudyView study) {
        Direction direction = study.directions().get(0);
        Map<Integer, FrozenTrial> byNumber = new TreeMap<>();
        Map<Integer, Double> values = new HashMap<>();
        for (FrozenTrial t : study.finishedTrials()) {
            Candidate c = candidates.get(t.number());
            if (c == null || c.run() != run || c.generation() != optimizer.generation()) {
                continue;
            }
            Double value = observedValue(t, direction);
            if (value != null) {
                byNumber.put(t.number(), t);
                values.put(t.number(), value);
            }
        }
        int lambda = optimizer.populationSize;
        if (byNumber.size() < lambda) {
            return;
        }
        double[][] xs = new double[lambda][];
        double[] fs = new double[lambda];
        int k = 0;
        for (FrozenTrial t : byNumber.values()) {
            if (k == lambda) {
                break;
            }
            xs[k] = pointToTell(t, candidates.get(t.number()));
            fs[k] = values.get(t.number());
            k++;
        }
        optimizer.tell(xs, fs);
        if (margin != null) {
            margin.correct(optimizer);
        }
        if (options.restartStrategy() != RestartStrategy.NONE && optimizer.shouldStop()) {
            restart();
        }
        int generation = optimizer.generation();
        candidates.values().removeIf(c -> c.run() != run || c.generation() != generation);
    }

    /**
     * The point a trial is told as: its parameters mapped back (Optuna tells the values the
     * trial ran with, so that integers count where they were rounded to), or, with the margin,
     * the raw point it was drawn as.
     */
    private double[] pointToTell(FrozenTrial trial, Candidate candidate) {
        if (margin != null) {
            return candidate.x();
        }
        double[] x = new double[axes.size()];
        for (int i = 0; i < x.length; i++) {
            Object value = trial.params().get(axes.get(i).name());
            x[i] = value == null ? candidate.x()[i] : axes.get(i).toUnit(value);
        }
        return x;
    }

    private void restart() {
        int popsize;
        double sigma = defaultSigma();
        if (options.restartStrategy() == RestartStrategy.IPOP) {
            popsize = grow(optimizer.populationSize, options.incPopsize());
        } else {
            long evaluations = (long) optimizer.populationSize * optimizer.generation();
            if (smallRegime) {
                smallRegimeEvaluations += evaluations;
            } else {
                largeRegimeEvaluations += evaluations;
            }
            if (smallRegimeEvaluations < largeRegimeEvaluations) {
                smallRegime = true;
                double multiplier = Math.pow(options.incPopsize(), largeRestarts);
                double u = cmaRandom.nextDouble();
                popsize = (int) Math.min(MAX_POPULATION, Math.floor(initialPopulation * Math.pow(multiplier, u * u)));
                sigma *= Math.pow(10, -2 * cmaRandom.nextDouble());
            } else {
                smallRegime = false;
                largeRestarts++;
                popsize = initialPopulation;
                for (int r = 0; r < largeRestarts; r++) {
                    popsize = grow(popsize, options.incPopsize());
                }
            }
        }
        double[] mean = new double[axes.size()];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = cmaRandom.nextDouble();
        }
        run++;
        optimizer = newOptimizer(mean, sigma, popsize);
    }

    private static int grow(int popsize, int factor) {
        return (int) Math.min(MAX_POPULATION, (long) popsize * factor);
    }
}

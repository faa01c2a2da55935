package io.hyperstream.sampler.algorithm;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.CategoricalDistribution;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.model.spec.Distribution;
import io.hyperstream.model.spec.FloatDistribution;
import io.hyperstream.model.spec.IntDistribution;
import io.hyperstream.model.spec.ParamSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * NSGA-II (Deb et al., 2002), the elitist multi-objective genetic algorithm, with the options and
 * defaults of Optuna 3.1's {@code NSGAIISampler}.
 *
 * <p>Trial {@code k} belongs to generation {@code k / population_size}. Generation 0 is drawn at
 * random. The parents of generation {@code g} are the elite of generation {@code g - 1}: starting
 * from generation 0's completed trials, each generation's parents are the best
 * {@code population_size} of the previous parents and that generation's completed children, by
 * non-domination rank and then crowding distance. A child gets its parents by binary tournament
 * (lower rank wins, then larger crowding distance); with {@code crossover_prob} their parameters
 * are blended (categoricals always by uniform crossover), otherwise one random parent is copied;
 * then each parameter is redrawn at random with {@code mutation_prob}. Pruned and failed trials
 * take no part. A conditional parameter is bred only when all the parents have it, and drawn at
 * random otherwise. With one objective this is a plain genetic algorithm.
 */
public final class NsgaIISampler implements Sampler {

    /** The option names a spec may give: Optuna's arguments and those of its crossovers. */
    public static final Set<String> OPTION_NAMES = Set.of("population_size", "mutation_prob", "crossover",
            "crossover_prob", "swapping_prob", "alpha", "eta", "epsilon", "sigma_xi", "sigma_eta");

    private static final String NAME = "nsga2";

    /** How often a child is bred again from other parents when a float lands outside its range. */
    private static final int ATTEMPTS = 100;

    /**
     * NSGA-II's settings; {@link #defaults()} are Optuna 3.1's.
     *
     * @param mutationProb null for 1 / (number of parameters bred)
     */
    public record Options(int populationSize, Double mutationProb, Crossover crossover,
                          double crossoverProb, double swappingProb) {

        public Options {
            if (populationSize < 2) {
                throw OptionReader.bad(NAME, "population_size", populationSize, "an integer >= 2");
            }
            if (mutationProb != null && !(mutationProb >= 0 && mutationProb <= 1)) {
                throw OptionReader.bad(NAME, "mutation_prob", mutationProb, "null or a number in [0, 1]");
            }
            if (!(crossoverProb >= 0 && crossoverProb <= 1)) {
                throw OptionReader.bad(NAME, "crossover_prob", crossoverProb, "a number in [0, 1]");
            }
            if (!(swappingProb >= 0 && swappingProb <= 1)) {
                throw OptionReader.bad(NAME, "swapping_prob", swappingProb, "a number in [0, 1]");
            }
            if (crossover == null) {
                crossover = new Crossover.Uniform(swappingProb);
            }
            if (populationSize < crossover.parents()) {
                throw OptionReader.bad(NAME, "population_size", populationSize, "at least "
                        + crossover.parents() + ", the number of parents crossover '" + crossover.name() + "' needs");
            }
        }

        public static Options defaults() {
            return new Options(50, null, new Crossover.Uniform(0.5), 0.9, 0.5);
        }

        /** Options from a spec's {@code sampler.options}, defaults for the rest. */
        public static Options from(Map<String, Object> options) {
            SamplerRegistry.requireKnownOptions(NAME, options, OPTION_NAMES);
            OptionReader r = new OptionReader(NAME, options);
            Options d = defaults();
            double swappingProb = r.number("swapping_prob", d.swappingProb);
            String crossover = r.text("crossover", "uniform");
            return new Options(
                    r.integer("population_size", d.populationSize),
                    r.optionalNumber("mutation_prob"),
                    crossover(crossover, swappingProb, r, options),
                    r.number("crossover_prob", d.crossoverProb),
                    swappingProb);
        }

        private static Crossover crossover(String name, double swappingProb, OptionReader r, Map<String, Object> options) {
            List<String> applicable = switch (name) {
                case "uniform" -> List.of();
                case "blxalpha" -> List.of("alpha");
                case "sbx", "vsbx" -> List.of("eta");
                case "spx" -> List.of("epsilon");
                case "undx" -> List.of("sigma_xi", "sigma_eta");
                default -> throw OptionReader.bad(NAME, "crossover", "'" + name + "'", "one of " + Crossover.NAMES);
            };
            for (String option : List.of("alpha", "eta", "epsilon", "sigma_xi", "sigma_eta")) {
                if (options.get(option) != null && !applicable.contains(option)) {
                    throw new IllegalArgumentException("sampler.options." + option + " of sampler '" + NAME
                            + "' does not apply to crossover '" + name + "'");
                }
            }
            return switch (name) {
                case "uniform" -> new Crossover.Uniform(swappingProb);
                case "blxalpha" -> new Crossover.BlxAlpha(nonNegative("alpha", r.number("alpha", 0.5)));
                case "sbx" -> new Crossover.Sbx(nonNegative("eta", r.optionalNumber("eta")));
                case "vsbx" -> new Crossover.Vsbx(nonNegative("eta", r.optionalNumber("eta")));
                case "spx" -> new Crossover.Spx(nonNegative("epsilon", r.optionalNumber("epsilon")));
                default -> new Crossover.Undx(nonNegative("sigma_xi", r.number("sigma_xi", 0.5)),
                        nonNegative("sigma_eta", r.optionalNumber("sigma_eta")));
            };
        }

        private static Double nonNegative(String option, Double value) {
            if (value != null && !(value >= 0 && Double.isFinite(value))) {
                throw OptionReader.bad(NAME, option, value, "a finite number >= 0");
            }
            return value;
        }
    }

    /** A member of a parent population with its rank and crowding distance within it. */
    record Individual(FrozenTrial trial, int rank, double crowding) {
    }

    /**
     * The parents chosen after one generation, with the trial numbers of that generation's
     * completed children they were chosen from (finished trials never change, so the same numbers
     * mean the same choice).
     */
    private record Elite(int[] children, List<FrozenTrial> population, List<Individual> ranked) {
    }

    private final Options options;
    private final SplittableRandom independent;
    private final SplittableRandom genetic;
    /** The elite after each generation so far, by generation, so that a study is not re-ranked for every trial. */
    private final List<Elite> elites = new ArrayList<>();

    public NsgaIISampler(Options options, long seed) {
        this.options = options;
        SplittableRandom root = new SplittableRandom(seed);
        this.independent = root.split();
        this.genetic = root.split();
    }

    /** The generation a trial belongs to. */
    public int generation(int trialNumber) {
        return trialNumber / options.populationSize();
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(StudyView study, int trialNumber) {
        if (generation(trialNumber) == 0) {
            return Map.of();
        }
        Map<String, Distribution> space = new LinkedHashMap<>();
        for (ParamSpec param : study.spec().searchSpace()) {
            if (!param.distribution().isSingle()) {
                space.put(param.name(), param.distribution());
            }
        }
        return space;
    }

    @Override
    public Map<String, Object> sampleRelative(StudyView study, int trialNumber, Map<String, Distribution> searchSpace) {
        List<Individual> population = parentPopulation(study, generation(trialNumber) - 1);
        if (population.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> child = genetic.nextDouble() < options.crossoverProb()
                ? crossover(population, searchSpace, study.directions().size() > 1)
                : copy(population.get(genetic.nextInt(population.size())).trial(), searchSpace);
        double mutationProb = options.mutationProb() != null
                ? options.mutationProb()
                : 1.0 / Math.max(1, child.size());
        Map<String, Object> kept = new LinkedHashMap<>();
        child.forEach((name, value) -> {
            if (genetic.nextDouble() >= mutationProb) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    @Override
    public Object sampleIndependent(StudyView study, int trialNumber, Map<String, Object> paramsSoFar, ParamSpec param) {
        return RandomSampler.sample(param.distribution(), independent);
    }

    /**
     * The parents of the generation after {@code generation}: the elite of generations 0 to
     * {@code generation}, ranked. Empty when none of their trials completed.
     */
    List<Individual> parentPopulation(StudyView study, int generation) {
        List<Direction> directions = study.directions();
        List<List<FrozenTrial>> children = new ArrayList<>(generation + 1);
        for (int g = 0; g <= generation; g++) {
            children.add(new ArrayList<>());
        }
        for (FrozenTrial t : study.finishedTrials()) {
            if (generation(t.number()) <= generation && usable(t, directions.size())) {
                children.get(generation(t.number())).add(t);
            }
        }
        Elite elite = new Elite(new int[0], List.of(), List.of());
        for (int g = 0; g <= generation; g++) {
            List<FrozenTrial> generationChildren = children.get(g);
            int[] numbers = generationChildren.stream().mapToInt(FrozenTrial::number).sorted().toArray();
            if (g < elites.size() && Arrays.equals(elites.get(g).children(), numbers)) {
                elite = elites.get(g);
                continue;
            }
            List<FrozenTrial> candidates = new ArrayList<>(elite.population());
            candidates.addAll(generationChildren);
            // Trial numbers, not the order trials finished in, decide ties, so a replay ranks alike.
            candidates.sort(Comparator.comparingInt(FrozenTrial::number));
            List<FrozenTrial> population = selectElite(candidates, directions, options.populationSize());
            elite = new Elite(numbers, population, rank(population, directions));
            // Later generations were chosen from other parents: forget them.
            elites.subList(g, elites.size()).clear();
            elites.add(elite);
        }
        return elite.ranked();
    }

    /** Completed with a value per objective, none of them NaN. */
    private static boolean usable(FrozenTrial t, int objectives) {
        if (t.state() != TrialState.COMPLETE || t.values().size() != objectives) {
            return false;
        }
        for (Double v : t.values()) {
            if (v == null || v.isNaN()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The best {@code size} candidates: whole fronts in rank order, and from the front that does
     * not fit whole, those with the largest crowding distance (then the lowest trial number).
     */
    static List<FrozenTrial> selectElite(List<FrozenTrial> candidates, List<Direction> directions, int size) {
        if (candidates.size() <= size) {
            return candidates;
        }
        double[][] losses = losses(candidates, directions);
        List<FrozenTrial> elite = new ArrayList<>(size);
        for (int[] front : ParetoRanks.fronts(losses)) {
            if (elite.size() + front.length <= size) {
                for (int i : front) {
                    elite.add(candidates.get(i));
                }
                continue;
            }
            double[] crowding = ParetoRanks.crowdingDistances(losses, front);
            List<Integer> order = new ArrayList<>();
            for (int k = 0; k < front.length; k++) {
                order.add(k);
            }
            order.sort(Comparator.<Integer>comparingDouble(k -> -crowding[k])
                    .thenComparingInt(k -> candidates.get(front[k]).number()));
            for (int k : order.subList(0, size - elite.size())) {
                elite.add(candidates.get(front[k]));
            }
            break;
        }
        elite.sort(Comparator.comparingInt(FrozenTrial::number));
        return elite;
    }

    /** Each member with its non-domination rank and its crowding distance within its front. */
    static List<Individual> rank(List<FrozenTrial> population, List<Direction> directions) {
        double[][] losses = losses(population, directions);
        int[] rank = new int[population.size()];
        double[] crowding = new double[population.size()];
        List<int[]> fronts = ParetoRanks.fronts(losses);
        for (int f = 0; f < fronts.size(); f++) {
            int[] front = fronts.get(f);
            double[] distances = ParetoRanks.crowdingDistances(losses, front);
            for (int k = 0; k < front.length; k++) {
                rank[front[k]] = f;
                crowding[front[k]] = distances[k];
            }
        }
        List<Individual> ranked = new ArrayList<>(population.size());
        for (int i = 0; i < population.size(); i++) {
            ranked.add(new Individual(population.get(i), rank[i], crowding[i]));
        }
        return ranked;
    }

    private static double[][] losses(List<FrozenTrial> trials, List<Direction> directions) {
        double[][] losses = new double[trials.size()][];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = ParetoRanks.losses(trials.get(i), directions);
        }
        return losses;
    }

    private static Map<String, Object> copy(FrozenTrial parent, Map<String, Distribution> searchSpace) {
        Map<String, Object> child = new LinkedHashMap<>();
        searchSpace.forEach((name, distribution) -> {
            if (parent.params().containsKey(name)) {
                child.put(name, inherited(parent.params().get(name), distribution));
            }
        });
        return child;
    }

    /** A parent's value as this sampler proposes values of its distribution (Double, Long or a choice). */
    private static Object inherited(Object value, Distribution distribution) {
        if (distribution instanceof FloatDistribution && value instanceof Number n) {
            return n.doubleValue();
        }
        if (distribution instanceof IntDistribution && value instanceof Number n) {
            return n.longValue();
        }
        return value;
    }

    /**
     * A child of parents chosen by tournament: the parameters all of them have, categoricals by
     * uniform crossover of the first and last parent, numbers by the configured crossover. As
     * Optuna, a child with a float outside its range is bred again from new parents.
     */
    private Map<String, Object> crossover(List<Individual> population, Map<String, Distribution> searchSpace,
                                          boolean multiObjective) {
        Crossover crossover = options.crossover();
        for (int attempt = 1; ; attempt++) {
            List<FrozenTrial> parents = selectParents(population, crossover.parents());
            FrozenTrial first = parents.get(0);
            FrozenTrial last = parents.get(parents.size() - 1);
            Map<String, Object> child = new LinkedHashMap<>();
            List<SearchDimension> numeric = new ArrayList<>();
            for (Map.Entry<String, Distribution> e : searchSpace.entrySet()) {
                String name = e.getKey();
                if (!parents.stream().allMatch(p -> p.params().containsKey(name))) {
                    continue;
                }
                if (e.getValue() instanceof CategoricalDistribution) {
                    FrozenTrial donor = genetic.nextDouble() >= options.swappingProb() ? last : first;
                    child.put(name, inherited(donor.params().get(name), e.getValue()));
                } else {
                    child.put(name, null);
                    numeric.add(SearchDimension.of(name, e.getValue()));
                }
            }
            if (numeric.isEmpty()) {
                return child;
            }
            double[][] points = new double[parents.size()][numeric.size()];
            double[] low = new double[numeric.size()];
            double[] high = new double[numeric.size()];
            for (int j = 0; j < numeric.size(); j++) {
                SearchDimension dim = numeric.get(j);
                low[j] = dim.low();
                high[j] = dim.high();
                for (int p = 0; p < parents.size(); p++) {
                    points[p][j] = dim.toModel(parents.get(p).params().get(dim.name()));
                }
            }
            double[] point = crossover.cross(points, low, high, multiObjective, genetic);
            if (attempt < ATTEMPTS && !insideFloatRanges(numeric, point)) {
                continue;
            }
            for (int j = 0; j < numeric.size(); j++) {
                // NaN cannot come from parents inside their bounds; keep the first parent's value if it ever does.
                double x = Double.isNaN(point[j]) ? points[0][j] : point[j];
                child.put(numeric.get(j).name(), numeric.get(j).toValue(x));
            }
            return child;
        }
    }

    /**
     * Whether every continuous float lies in its range; integers and stepped floats are rounded
     * and clipped instead, as Optuna does.
     */
    private static boolean insideFloatRanges(List<SearchDimension> dims, double[] point) {
        for (int j = 0; j < dims.size(); j++) {
            SearchDimension dim = dims.get(j);
            if (dim.distribution() instanceof FloatDistribution f && f.step() == null
                    && !(point[j] >= dim.low() && point[j] <= dim.high())) {
                return false;
            }
        }
        return true;
    }

    /** {@code n} distinct parents by binary tournament (repeats only when the population is smaller). */
    private List<FrozenTrial> selectParents(List<Individual> population, int n) {
        List<FrozenTrial> parents = new ArrayList<>(n);
        List<Individual> pool = new ArrayList<>(population);
        for (int k = 0; k < n; k++) {
            if (pool.isEmpty()) {
                pool.addAll(population);
            }
            Individual a = pool.get(genetic.nextInt(pool.size()));
            Individual b = pool.get(genetic.nextInt(pool.size()));
            Individual winner = wins(a, b) ? a : b;
            parents.add(winner.trial());
            pool.remove(winner);
        }
        return parents;
    }

    private static boolean wins(Individual a, Individual b) {
        return a.rank() < b.rank() || (a.rank() == b.rank() && a.crowding() > b.crowding());
    }
}

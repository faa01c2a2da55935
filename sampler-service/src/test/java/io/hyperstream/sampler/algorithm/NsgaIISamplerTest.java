package io.hyperstream.sampler.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.sampler.TestSpecs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class NsgaIISamplerTest {

    /** ZDT1 with five parameters: both objectives minimized, Pareto front f2 = 1 - sqrt(f1) at x1..x4 = 0. */
    private static final StudySpec ZDT1 = TestSpecs.toSpec(TestSpecs.parse("""
            {"name":"zdt1","directions":["minimize","minimize"],
             "search_space":[{"name":"x0","type":"float","low":0,"high":1},
                             {"name":"x1","type":"float","low":0,"high":1},
                             {"name":"x2","type":"float","low":0,"high":1},
                             {"name":"x3","type":"float","low":0,"high":1},
                             {"name":"x4","type":"float","low":0,"high":1}],
             "objective":{"kind":"synthetic","metrics":["f1","f2"],"max_epochs":1},
             "budget":{"n_trials":1000}}
            """));

    private static final StudySpec TWO_OBJECTIVES = TestSpecs.toSpec(TestSpecs.parse("""
            {"name":"two","directions":["minimize","maximize"],
             "search_space":[{"name":"x","type":"float","low":0,"high":10},
                             {"name":"y","type":"float","low":0,"high":10}],
             "objective":{"kind":"synthetic","metrics":["a","b"],"max_epochs":1},
             "budget":{"n_trials":100}}
            """));

    /** Every kind of parameter, conditionals included, with two objectives that favour the bounds. */
    private static final StudySpec MIXED = TestSpecs.toSpec(TestSpecs.parse("""
            {"name":"mixed","directions":["minimize","minimize"],
             "search_space":[
               {"name":"n_layers","type":"int","low":1,"high":3},
               {"name":"n_units","type":"int","low":4,"high":64,"condition":{"param":"n_layers","min":2}},
               {"name":"lr","type":"float","low":1e-5,"high":0.1,"log":true},
               {"name":"dropout","type":"float","low":0.0,"high":0.5,"step":0.1},
               {"name":"batch","type":"int","low":8,"high":256,"log":true},
               {"name":"width","type":"float","low":-1.0,"high":1.0},
               {"name":"optimizer","type":"categorical","choices":["sgd","adam","rmsprop"]},
               {"name":"momentum","type":"float","low":0.0,"high":0.99,"condition":{"param":"optimizer","in":["sgd"]}}],
             "objective":{"kind":"synthetic","metrics":["a","b"],"max_epochs":1},
             "budget":{"n_trials":200}}
            """));

    private static List<Double> zdt1(Map<String, Object> p) {
        double f1 = (Double) p.get("x0");
        double sum = 0;
        for (int i = 1; i < 5; i++) {
            sum += (Double) p.get("x" + i);
        }
        double g = 1 + 9 * sum / 4;
        return List.of(f1, g * (1 - Math.sqrt(f1 / g)));
    }

    private static List<FrozenTrial> optimize(Sampler sampler, StudySpec spec, int n,
                                              Function<Map<String, Object>, List<Double>> objective) {
        List<FrozenTrial> finished = new ArrayList<>();
        for (int number = 0; number < n; number++) {
            LinkedHashMap<String, Object> params = sampler.sampleTrial(new StudyView(spec, finished, List.of()), number);
            finished.add(complete(number, params, objective.apply(params)));
        }
        return finished;
    }

    private static FrozenTrial complete(int number, Map<String, Object> params, List<Double> values) {
        return new FrozenTrial(number, TrialState.COMPLETE, params, values, new TreeMap<>());
    }

    private static NsgaIISampler nsga2(Map<String, Object> options, long seed) {
        return new NsgaIISampler(NsgaIISampler.Options.from(options), seed);
    }

    /** The non-dominated points of a minimization problem. */
    private static List<double[]> nonDominated(List<FrozenTrial> trials) {
        List<double[]> points = trials.stream()
                .map(t -> new double[] {t.values().get(0), t.values().get(1)}).toList();
        return points.stream()
                .filter(p -> points.stream().noneMatch(q -> ParetoRanks.dominates(q, p)))
                .toList();
    }

    /** The area dominated by the points and bounded by the reference point (both objectives minimized). */
    private static double hypervolume(List<double[]> points, double r0, double r1) {
        List<double[]> sorted = points.stream().filter(p -> p[0] < r0 && p[1] < r1)
                .sorted(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]))
                .toList();
        double area = 0;
        double lowest = r1;
        for (double[] p : sorted) {
            if (p[1] < lowest) {
                area += (r0 - p[0]) * (lowest - p[1]);
                lowest = p[1];
            }
        }
        return area;
    }

    @Test
    void theNonDominatedSetOfZdt1ApproachesAndCoversTheParetoFront() {
        List<double[]> nsga2 = nonDominated(optimize(nsga2(Map.of(), 1), ZDT1, 1000, NsgaIISamplerTest::zdt1));
        List<double[]> random = nonDominated(optimize(new RandomSampler(1), ZDT1, 1000, NsgaIISamplerTest::zdt1));

        // The whole front encloses 0.877 up to (1.1, 1.1); random sampling of 1000 trials reaches 0.16.
        assertThat(hypervolume(nsga2, 1.1, 1.1)).isGreaterThan(0.5);
        assertThat(hypervolume(random, 1.1, 1.1)).isLessThan(0.5);
        assertThat(nsga2).allSatisfy(p -> assertThat(p[1] - (1 - Math.sqrt(p[0]))).isLessThan(0.4));
        assertThat(nsga2.stream().mapToDouble(p -> p[0]).min().orElseThrow()).isLessThan(0.1);
        assertThat(nsga2.stream().mapToDouble(p -> p[0]).max().orElseThrow()).isGreaterThan(0.9);
        assertThat(nsga2.size()).isGreaterThan(random.size());
    }

    @Test
    void crowdingDistanceMatchesAHandComputedFront() {
        // Objective 1 spans 4, objective 2 spans 5. B: (2 - 0)/4 + (5 - 2)/5 = 1.1; C: (4 - 1)/4 + (3 - 0)/5 = 1.35.
        double[][] losses = {{0, 5}, {1, 3}, {2, 2}, {4, 0}};

        double[] distances = ParetoRanks.crowdingDistances(losses, new int[] {0, 1, 2, 3});

        assertThat(distances[0]).isInfinite();
        assertThat(distances[1]).isCloseTo(1.1, within(1e-12));
        assertThat(distances[2]).isCloseTo(1.35, within(1e-12));
        assertThat(distances[3]).isInfinite();
    }

    @Test
    void anObjectiveEqualAcrossTheFrontAddsNoCrowding() {
        double[][] losses = {{0, 7, 5}, {1, 7, 3}, {2, 7, 2}, {4, 7, 0}};

        double[] distances = ParetoRanks.crowdingDistances(losses, new int[] {3, 1, 2});

        // Among D, B and C only: B and D are the extremes; C gets (4 - 1)/3 from the first objective,
        // nothing from the second, and (3 - 0)/3 from the third.
        assertThat(distances[0]).isInfinite();
        assertThat(distances[1]).isInfinite();
        assertThat(distances[2]).isCloseTo((4 - 1) / 3.0 + (3 - 0) / 3.0, within(1e-12));
    }

    @Test
    void nonDominatedSortingGroupsTrialsInFronts() {
        double[][] losses = {{1, 1}, {2, 2}, {0, 3}, {3, 3}, {2, 2}, {0.5, 4}};

        List<int[]> fronts = ParetoRanks.fronts(losses);

        assertThat(fronts).containsExactly(new int[] {0, 2}, new int[] {1, 4, 5}, new int[] {3});
    }

    @Test
    void eliteSelectionKeepsWholeFrontsThenTheLeastCrowded() {
        List<Direction> minimize = List.of(Direction.MINIMIZE, Direction.MINIMIZE);
        List<FrozenTrial> candidates = new ArrayList<>();
        double[][] values = {{0, 0}, {1, 5}, {2, 3}, {2.1, 2.9}, {2.2, 2.8}, {4, 1}, {9, 9}};
        for (int i = 0; i < values.length; i++) {
            candidates.add(complete(i, Map.of(), List.of(values[i][0], values[i][1])));
        }

        List<Integer> elite = NsgaIISampler.selectElite(candidates, minimize, 5).stream().map(FrozenTrial::number).toList();

        // Front 0 is trial 0; of front 1 (trials 1 to 5) four fit, and trial 3, squeezed between
        // 2 and 4, has the smallest crowding distance. Trial 6 (front 2) is out.
        assertThat(elite).containsExactly(0, 1, 2, 4, 5);
    }

    @Test
    void generationZeroIsRandomAndLaterChildrenInheritOnlyFromCompletedParents() {
        Map<String, Object> noMutation = Map.of("population_size", 4, "mutation_prob", 0.0, "crossover_prob", 1.0);
        NsgaIISampler sampler = nsga2(noMutation, 8);
        List<FrozenTrial> finished = new ArrayList<>();
        List<Map<String, Object>> generationZero = new ArrayList<>();
        for (int number = 0; number < 4; number++) {
            LinkedHashMap<String, Object> params = sampler.sampleTrial(new StudyView(TWO_OBJECTIVES, finished, List.of()), number);
            generationZero.add(params);
            FrozenTrial trial = switch (number) {
                case 1 -> new FrozenTrial(number, TrialState.FAIL, params, List.of(), new TreeMap<>());
                case 2 -> new FrozenTrial(number, TrialState.PRUNED, params, List.of(0.0, 100.0), new TreeMap<>());
                default -> complete(number, params, List.of((double) number, (double) number));
            };
            finished.add(trial);
        }
        assertThat(generationZero.stream().map(p -> p.get("x")).distinct()).hasSize(4);

        for (int number = 4; number < 8; number++) {
            LinkedHashMap<String, Object> child = sampler.sampleTrial(new StudyView(TWO_OBJECTIVES, finished, List.of()), number);
            // Only trials 0 and 3 completed: the children's genes are theirs (uniform crossover, no mutation).
            assertThat(child.get("x")).isIn(generationZero.get(0).get("x"), generationZero.get(3).get("x"));
            assertThat(child.get("y")).isIn(generationZero.get(0).get("y"), generationZero.get(3).get("y"));
        }
    }

    @Test
    void tournamentsFavourTheLowerRank() {
        // Swapping probability 1 makes the child a copy of its first parent, the winner of a tournament
        // over the whole population: the best of four wins 1 - (3/4)^2 = 7/16 of them, the worst 1/16.
        Map<String, Object> options = Map.of("population_size", 4, "mutation_prob", 0.0, "crossover_prob", 1.0,
                "swapping_prob", 1.0);
        Map<Object, Integer> wins = firstParents(options, new double[][] {{0, 10}, {1, 9}, {2, 8}, {3, 7}}, 1600);

        assertThat(wins.get(0.0) / 1600.0).isCloseTo(7 / 16.0, within(0.05));
        assertThat(wins.get(3.0) / 1600.0).isCloseTo(1 / 16.0, within(0.03));
    }

    @Test
    void tournamentsBetweenEqualRanksFavourTheLessCrowded() {
        // One front: the extremes have infinite crowding distance, so the middle trial wins only
        // against itself, 1/9 of the time (a third without crowding).
        Map<String, Object> options = Map.of("population_size", 3, "mutation_prob", 0.0, "crossover_prob", 1.0,
                "swapping_prob", 1.0);
        Map<Object, Integer> wins = firstParents(options, new double[][] {{0, 0}, {1, 1}, {2, 2}}, 900);

        assertThat(wins.get(1.0) / 900.0).isCloseTo(1 / 9.0, within(0.04));
    }

    /**
     * How often each parent's x is a child's, over `draws` children of generation 1; parent i has
     * x = i and objectives (minimize a, maximize b) = values[i].
     */
    private static Map<Object, Integer> firstParents(Map<String, Object> options, double[][] values, int draws) {
        NsgaIISampler sampler = nsga2(options, 3);
        List<FrozenTrial> parents = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            parents.add(complete(i, Map.of("x", (double) i, "y", 5.0), List.of(values[i][0], values[i][1])));
        }
        StudyView study = new StudyView(TWO_OBJECTIVES, parents, List.of());
        Map<Object, Integer> wins = new HashMap<>();
        for (int i = 0; i < draws; i++) {
            wins.merge(sampler.sampleTrial(study, values.length).get("x"), 1, Integer::sum);
        }
        return wins;
    }

    @Test
    void everyCrossoverKeepsValuesInsideTheirDistributions() {
        // Objectives that push parameters to both ends of their ranges, where blending overshoots.
        Function<Map<String, Object>, List<Double>> edges = p -> {
            double width = (Double) p.get("width");
            double lr = Math.log10((Double) p.get("lr"));
            return List.of(width + lr + ((Number) p.get("batch")).doubleValue() / 256, -width - lr + (Double) p.get("dropout"));
        };
        for (String crossover : Crossover.NAMES) {
            NsgaIISampler sampler = nsga2(Map.of("crossover", crossover, "population_size", 10), 4);
            // sampleTrial itself refuses a value outside its distribution; this checks conditionals too.
            for (FrozenTrial t : optimize(sampler, MIXED, 200, edges)) {
                for (ParamSpec param : MIXED.searchSpace()) {
                    boolean present = !param.isConditional()
                            || param.condition().holds(t.params().get(param.condition().param()));
                    assertThat(t.params().containsKey(param.name())).as(crossover + " " + param.name()).isEqualTo(present);
                    if (present) {
                        assertThat(param.distribution().contains(t.params().get(param.name())))
                                .as(crossover + " " + param.name() + "=" + t.params().get(param.name())).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void sbxChildrenStayWithinTheBoundsEvenFromParentsAtTheEdges() {
        SplittableRandom random = new SplittableRandom(2);
        double[] low = {0, -1};
        double[] high = {1, 1};
        double[][] parents = {{0, -1}, {1e-9, 1}};
        for (boolean multiObjective : new boolean[] {true, false}) {
            for (int i = 0; i < 5000; i++) {
                double[] child = new Crossover.Sbx(null).cross(parents, low, high, multiObjective, random);
                assertThat(child[0]).isBetween(0.0, 1.0);
                assertThat(child[1]).isBetween(-1.0, 1.0);
            }
        }
    }

    @Test
    void blendingCrossoversSpreadAroundTheirParents() {
        SplittableRandom random = new SplittableRandom(3);
        double[] low = {-100};
        double[] high = {100};
        double[][] parents = {{1}, {3}};
        // BLX-0.5 is uniform over [1 - 1, 3 + 1].
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 4000; i++) {
            double x = new Crossover.BlxAlpha(0.5).cross(parents, low, high, true, random)[0];
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        assertThat(min).isBetween(0.0, 0.01);
        assertThat(max).isBetween(3.99, 4.0);
        // UNDX centres its children on the parents' midpoint.
        double[][] three = {{1, 0}, {3, 0}, {2, 1}};
        double sum = 0;
        for (int i = 0; i < 4000; i++) {
            sum += new Crossover.Undx(0.5, null).cross(three, new double[] {-100, -100}, new double[] {100, 100}, true, random)[0];
        }
        assertThat(sum / 4000).isCloseTo(2.0, within(0.05));
    }

    @Test
    void undxSpreadsAcrossTheLineOfItsFirstTwoParents() {
        double[] direction = {0.6, 0.8, 0};

        double[][] across = Crossover.Undx.orthonormalComplement(direction);

        assertThat(across).hasNumberOfRows(2);
        for (double[] v : across) {
            assertThat(v[0] * 0.6 + v[1] * 0.8).isCloseTo(0, within(1e-12));
            assertThat(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).isCloseTo(1, within(1e-12));
        }
        assertThat(across[0][0] * across[1][0] + across[0][1] * across[1][1] + across[0][2] * across[1][2])
                .isCloseTo(0, within(1e-12));
    }

    @Test
    void theSameSeedGivesTheSameStudy() {
        Function<Map<String, Object>, List<Double>> objective = p ->
                List.of((Double) p.get("x"), (Double) p.get("x") * (Double) p.get("y"));
        for (String crossover : Crossover.NAMES) {
            Map<String, Object> options = Map.of("crossover", crossover, "population_size", 8);
            List<Map<String, Object>> first = optimize(nsga2(options, 21), TWO_OBJECTIVES, 60, objective)
                    .stream().map(FrozenTrial::params).toList();
            List<Map<String, Object>> again = optimize(nsga2(options, 21), TWO_OBJECTIVES, 60, objective)
                    .stream().map(FrozenTrial::params).toList();
            List<Map<String, Object>> other = optimize(nsga2(options, 22), TWO_OBJECTIVES, 60, objective)
                    .stream().map(FrozenTrial::params).toList();
            assertThat(again).as(crossover).isEqualTo(first);
            assertThat(other).as(crossover).isNotEqualTo(first);
        }
    }

    @Test
    void withOneObjectiveItIsAGeneticAlgorithmThatImprovesOnRandomSampling() {
        StudySpec quadratic = TestSpecs.toSpec(TestSpecs.parse("""
                {"name":"q","search_space":[{"name":"x","type":"float","low":-10,"high":10},
                                            {"name":"y","type":"float","low":-10,"high":10}],
                 "objective":{"kind":"synthetic","max_epochs":1},"budget":{"n_trials":300}}
                """));
        Function<Map<String, Object>, List<Double>> bowl = p -> {
            double x = (Double) p.get("x") - 3;
            double y = (Double) p.get("y") + 2;
            return List.of(x * x + y * y);
        };
        NsgaIISampler sampler = nsga2(Map.of("population_size", 20), 5);
        List<FrozenTrial> ga = optimize(sampler, quadratic, 300, bowl);
        List<FrozenTrial> random = optimize(new RandomSampler(5), quadratic, 300, bowl);

        // Random points average about 70 on this bowl; after 15 generations the whole elite lies near (3, -2).
        List<NsgaIISampler.Individual> elite = sampler.parentPopulation(new StudyView(quadratic, ga, List.of()), 14);
        assertThat(elite).hasSize(20);
        assertThat(elite.stream().mapToDouble(i -> i.trial().value()).max().orElseThrow()).isLessThan(0.5);
        assertThat(ga.stream().mapToDouble(FrozenTrial::value).min().orElseThrow())
                .isLessThan(random.stream().mapToDouble(FrozenTrial::value).min().orElseThrow());
    }

    @Test
    void optionsDefaultToOptunas() {
        assertThat(NsgaIISampler.Options.from(Map.of())).isEqualTo(
                new NsgaIISampler.Options(50, null, new Crossover.Uniform(0.5), 0.9, 0.5));
        assertThat(NsgaIISampler.Options.from(Map.of("crossover", "sbx", "eta", 15)).crossover())
                .isEqualTo(new Crossover.Sbx(15.0));
        assertThat(NsgaIISampler.Options.from(Map.of("crossover", "undx")).crossover())
                .isEqualTo(new Crossover.Undx(0.5, null));
        assertThat(NsgaIISampler.Options.from(Map.of("swapping_prob", 0.2)).crossover())
                .isEqualTo(new Crossover.Uniform(0.2));
        assertThat(SamplerRegistry.standard().create(new io.hyperstream.model.spec.SamplerSpec("nsga2", null, null), 1))
                .isInstanceOf(NsgaIISampler.class);
    }

    @Test
    void badOptionsAreRefusedNamingTheOptionAndTheValue() {
        assertThatThrownBy(() -> NsgaIISampler.Options.from(Map.of("crossover", "twopoint")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sampler.options.crossover").hasMessageContaining("'twopoint'")
                .hasMessageContaining("blxalpha");
        assertThatThrownBy(() -> NsgaIISampler.Options.from(Map.of("mutation_prob", 1.5)))
                .hasMessageContaining("sampler.options.mutation_prob").hasMessageContaining("1.5");
        assertThatThrownBy(() -> NsgaIISampler.Options.from(Map.of("population_size", 1)))
                .hasMessageContaining("sampler.options.population_size").hasMessageContaining("1");
        assertThatThrownBy(() -> NsgaIISampler.Options.from(Map.of("population_size", 2, "crossover", "spx")))
                .hasMessageContaining("sampler.options.population_size").hasMessageContaining("'spx'");
        assertThatThrownBy(() -> NsgaIISampler.Options.from(Map.of("crossover", "sbx", "alpha", 0.3)))
                .hasMessageContaining("sampler.options.alpha").hasMessageContaining("'sbx'");
        assertThatThrownBy(() -> NsgaIISampler.Options.from(Map.of("crossover_prob", "high")))
                .hasMessageContaining("sampler.options.crossover_prob").hasMessageContaining("high");
        assertThatThrownBy(() -> NsgaIISampler.Options.from(Map.of("generations", 10)))
                .hasMessageContaining("[generations]").hasMessageContaining("sampler 'nsga2'");
    }
}

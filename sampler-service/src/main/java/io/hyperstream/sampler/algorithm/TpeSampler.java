package io.hyperstream.sampler.algorithm;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.model.spec.Distribution;
import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.model.spec.StudySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The Tree-structured Parzen Estimator (Bergstra et al., 2011), with Optuna's {@code TPESampler}
 * options: the finished trials are split into the best fraction ({@code gamma}) and the rest, a
 * Parzen estimator is fitted to each, and of {@code n_ei_candidates} points drawn from the good
 * density l(x) the one with the largest l(x)/g(x) is chosen.
 *
 * <p>By default ({@code multivariate}) the parameters that every trial has are modelled jointly,
 * and a candidate's score is the mean of two estimates of log l(x)/g(x): the joint one and the
 * sum of the per-parameter ones, so that the model keeps what independent TPE does well on
 * separable objectives (good values of each parameter are found and combined separately) while
 * it follows interactions between parameters. The other parameters (conditional ones) are drawn
 * one by one as Optuna's independent TPE does; {@code multivariate: false} does so for all.
 * With {@code constant_liar}, trials still running count as bad results so that trainers asking
 * at once get different configurations.
 */
public final class TpeSampler implements Sampler {

    /** The option names a spec may give, as Optuna's arguments. */
    public static final Set<String> OPTION_NAMES = Set.of("n_startup_trials", "n_ei_candidates",
            "prior_weight", "gamma", "gamma_max", "multivariate", "constant_liar",
            "consider_magic_clip", "consider_endpoints");

    /** The good fraction of the trials when {@code gamma} is not given: Optuna's for independent sampling. */
    static final double INDEPENDENT_GAMMA = 0.1;

    /** The good fraction for the joint model when {@code gamma} is not given (Optuna: 0.1; see the README). */
    static final double JOINT_GAMMA = 0.2;

    /** The chance that a candidate takes one coordinate from another good trial's kernel. */
    static final double RECOMBINATION = 0.5;

    /**
     * TPE's settings; {@link #defaults()} are Optuna 3.1's but for {@code multivariate} (true) and
     * {@code gamma} (null: {@link #INDEPENDENT_GAMMA} or {@link #JOINT_GAMMA}).
     */
    public record Options(int nStartupTrials, int nEiCandidates, double priorWeight, Double gamma,
                          int gammaMax, boolean multivariate, boolean constantLiar,
                          boolean considerMagicClip, boolean considerEndpoints) {

        public Options {
            if (nStartupTrials < 0) {
                throw new IllegalArgumentException("n_startup_trials must be >= 0, but got " + nStartupTrials);
            }
            if (nEiCandidates < 1) {
                throw new IllegalArgumentException("n_ei_candidates must be >= 1, but got " + nEiCandidates);
            }
            if (!(priorWeight > 0)) {
                throw new IllegalArgumentException("prior_weight must be > 0, but got " + priorWeight);
            }
            if (gamma != null && !(gamma > 0 && gamma <= 1)) {
                throw new IllegalArgumentException("gamma must be in (0, 1], but got " + gamma);
            }
            if (gammaMax < 1) {
                throw new IllegalArgumentException("gamma_max must be >= 1, but got " + gammaMax);
            }
        }

        public static Options defaults() {
            return new Options(10, 24, 1.0, null, 25, true, false, true, false);
        }

        /** Options from a spec's {@code sampler.options}, defaults for the rest. */
        public static Options from(Map<String, Object> options) {
            SamplerRegistry.requireKnownOptions("tpe", options, OPTION_NAMES);
            Options d = defaults();
            OptionReader r = new OptionReader("tpe", options);
            return new Options(
                    r.integer("n_startup_trials", d.nStartupTrials),
                    r.integer("n_ei_candidates", d.nEiCandidates),
                    r.number("prior_weight", d.priorWeight),
                    options.get("gamma") == null ? null : Double.valueOf(r.number("gamma", 0)),
                    r.integer("gamma_max", d.gammaMax),
                    r.bool("multivariate", d.multivariate),
                    r.bool("constant_liar", d.constantLiar),
                    r.bool("consider_magic_clip", d.considerMagicClip),
                    r.bool("consider_endpoints", d.considerEndpoints));
        }

        public Options withMultivariate(boolean value) {
            return new Options(nStartupTrials, nEiCandidates, priorWeight, gamma, gammaMax, value,
                    constantLiar, considerMagicClip, considerEndpoints);
        }

        /** The good fraction for the joint model or for independent sampling. */
        double gammaFor(boolean joint) {
            if (gamma != null) {
                return gamma;
            }
            return joint ? JOINT_GAMMA : INDEPENDENT_GAMMA;
        }
    }

    private final Options options;
    private final SplittableRandom random;
    private final TrialCoordinates coordinates = new TrialCoordinates();

    public TpeSampler(Options options, long seed) {
        this.options = options;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public boolean modelsHyperbandBracketsApart(StudySpec spec, int trialNumber) {
        return true;
    }

    @Override
    public Map<String, Distribution> inferRelativeSearchSpace(StudyView study, int trialNumber) {
        if (!options.multivariate()) {
            return Map.of();
        }
        List<FrozenTrial> observed = observedTrials(study);
        if (observed.size() < Math.max(1, options.nStartupTrials())) {
            return Map.of();
        }
        Map<String, Distribution> space = new LinkedHashMap<>();
        for (ParamSpec param : study.spec().searchSpace()) {
            if (!param.distribution().isSingle()) {
                TrialCoordinates.Column column = coordinates.column(SearchDimension.of(param.name(), param.distribution()));
                if (allHave(observed, column)) {
                    space.put(param.name(), param.distribution());
                }
            }
        }
        return space.size() >= 2 ? space : Map.of();
    }

    @Override
    public Map<String, Object> sampleRelative(StudyView study, int trialNumber, Map<String, Distribution> searchSpace) {
        List<SearchDimension> dims = new ArrayList<>();
        searchSpace.forEach((name, distribution) -> dims.add(SearchDimension.of(name, distribution)));
        return sampleModel(study, trialNumber, dims, true);
    }

    @Override
    public Object sampleIndependent(StudyView study, int trialNumber, Map<String, Object> paramsSoFar, ParamSpec param) {
        Distribution distribution = param.distribution();
        if (distribution.isSingle()) {
            return RandomSampler.sample(distribution, random);
        }
        if (observedCount(study) < options.nStartupTrials()) {
            return RandomSampler.sample(distribution, random);
        }
        Map<String, Object> values = sampleModel(study, trialNumber, List.of(SearchDimension.of(param.name(), distribution)), false);
        return values.isEmpty() ? RandomSampler.sample(distribution, random) : values.get(param.name());
    }

    private static boolean allHave(List<FrozenTrial> trials, TrialCoordinates.Column column) {
        for (FrozenTrial t : trials) {
            if (Double.isNaN(column.get(t))) {
                return false;
            }
        }
        return true;
    }

    /** How many trials the model learns from (completed and pruned ones), without listing them. */
    private static int observedCount(StudyView study) {
        int count = 0;
        for (FrozenTrial t : study.finishedTrials()) {
            if (t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED) {
                count++;
            }
        }
        return count;
    }

    private static List<FrozenTrial> observedTrials(StudyView study) {
        return study.finishedTrials().stream()
                .filter(t -> t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED)
                .toList();
    }

    /** A trial's rank key: completed first, then pruned by how far they went, then the rest; by loss within. */
    private record Ranked(FrozenTrial trial, int group, double step, double loss) {
    }

    private static final Comparator<Ranked> BEST_FIRST = (a, b) -> {
        int c = Integer.compare(a.group, b.group);
        if (c == 0) {
            c = Double.compare(a.step, b.step);
        }
        if (c == 0) {
            c = Double.compare(a.loss, b.loss);
        }
        return c != 0 ? c : Integer.compare(a.trial.number(), b.trial.number());
    };

    /**
     * The trials a model learns from, ranked once per ask: every parameter of one trial is sampled
     * from the same ranking, so it is computed for the first and reused (a study of 1,000 trials
     * would otherwise be sorted once per parameter). {@code loss} is by rank: the signed objective
     * of a completed trial, NaN for the others.
     */
    private record Ranking(List<FrozenTrial> finished, List<FrozenTrial> running, int trialNumber,
                           List<FrozenTrial> bestFirst, int[] rankOf, double[] loss, List<FrozenTrial> byNumber) {
    }

    private Ranking ranking;

    private Ranking ranking(StudyView study, int trialNumber) {
        Ranking r = ranking;
        if (r != null && r.finished == study.finishedTrials() && r.running == study.runningTrials()
                && r.trialNumber == trialNumber) {
            return r;
        }
        List<Direction> directions = study.directions();
        List<FrozenTrial> observed = new ArrayList<>(observedTrials(study));
        if (options.constantLiar()) {
            observed.addAll(study.runningTrials());
        }
        // In the order they end, which is about the order of their numbers: sorted at little cost.
        List<FrozenTrial> byNumber = new ArrayList<>(observed);
        byNumber.sort(Comparator.comparingInt(FrozenTrial::number));
        List<FrozenTrial> candidates = r == null ? observed : inLastOrder(observed, r.bestFirst());
        double[] moLosses = directions.size() == 1 ? null : ParetoRanks.ranks(candidates, directions);
        List<Ranked> ranked = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            ranked.add(rank(candidates.get(i), directions, moLosses == null ? Double.NaN : moLosses[i]));
        }
        ranked.sort(BEST_FIRST);
        List<FrozenTrial> bestFirst = new ArrayList<>(ranked.size());
        double[] loss = new double[ranked.size()];
        int maxNumber = 0;
        for (Ranked k : ranked) {
            loss[bestFirst.size()] = k.trial().state() == TrialState.COMPLETE ? k.loss() : Double.NaN;
            bestFirst.add(k.trial());
            maxNumber = Math.max(maxNumber, k.trial().number());
        }
        int[] rankOf = new int[maxNumber + 1];
        for (int i = 0; i < bestFirst.size(); i++) {
            rankOf[bestFirst.get(i).number()] = i;
        }
        r = new Ranking(study.finishedTrials(), study.runningTrials(), trialNumber, bestFirst, rankOf, loss, byNumber);
        ranking = r;
        return r;
    }

    /**
     * The trials ranked at the last ask first, in that order, then the others: sorting is then
     * mostly merging the few new trials in (the list sort finds the ordered run). A trial is
     * matched by its number, which is unique in a study; its current object takes the place.
     */
    private static List<FrozenTrial> inLastOrder(List<FrozenTrial> trials, List<FrozenTrial> lastOrder) {
        int maxNumber = 0;
        for (FrozenTrial t : trials) {
            maxNumber = Math.max(maxNumber, t.number());
        }
        FrozenTrial[] current = new FrozenTrial[maxNumber + 1];
        for (FrozenTrial t : trials) {
            if (current[t.number()] != null) {
                // Not one object per number: no order to reuse, the sort does it all.
                return trials;
            }
            current[t.number()] = t;
        }
        List<FrozenTrial> ordered = new ArrayList<>(trials.size());
        for (FrozenTrial t : lastOrder) {
            int number = t.number();
            if (number <= maxNumber && current[number] != null) {
                ordered.add(current[number]);
                current[number] = null;
            }
        }
        for (FrozenTrial t : trials) {
            if (current[t.number()] != null) {
                ordered.add(t);
            }
        }
        return ordered;
    }

    private Map<String, Object> sampleModel(StudyView study, int trialNumber, List<SearchDimension> dims, boolean joint) {
        Ranking r = ranking(study, trialNumber);
        int d = dims.size();
        TrialCoordinates.Column[] columns = new TrialCoordinates.Column[d];
        for (int j = 0; j < d; j++) {
            columns[j] = coordinates.column(dims.get(j));
        }
        // The trials that have every dimension, best first; the best gamma fraction of them is "below".
        List<FrozenTrial> bestFirst = r.bestFirst();
        boolean[] present = new boolean[bestFirst.size()];
        int n = 0;
        for (int i = 0; i < present.length; i++) {
            present[i] = hasAll(bestFirst.get(i), columns);
            if (present[i]) {
                n++;
            }
        }
        if (n == 0) {
            return Map.of();
        }
        int nBelow = Math.min((int) Math.ceil(options.gammaFor(joint) * n), options.gammaMax());
        int threshold = Integer.MAX_VALUE;
        int seen = 0;
        for (int i = 0; i < present.length && seen < nBelow; i++) {
            if (present[i]) {
                seen++;
                if (seen == nBelow) {
                    threshold = i;
                }
            }
        }
        // Points in trial-number order: older trials weigh less once there are many.
        double[][] belowPoints = new double[nBelow][];
        double[] belowLosses = new double[nBelow];
        double[][] abovePoints = new double[n - nBelow][];
        int[] belowIndex = new int[r.rankOf().length];
        int[] aboveIndex = new int[r.rankOf().length];
        Arrays.fill(belowIndex, -1);
        Arrays.fill(aboveIndex, -1);
        int b = 0;
        int a = 0;
        for (FrozenTrial t : r.byNumber()) {
            int number = t.number();
            int rank = r.rankOf()[number];
            if (!present[rank]) {
                continue;
            }
            double[] point = new double[d];
            for (int j = 0; j < d; j++) {
                point[j] = columns[j].value(number);
            }
            if (rank <= threshold) {
                belowLosses[b] = r.loss()[rank];
                belowIndex[number] = b;
                belowPoints[b++] = point;
            } else {
                aboveIndex[number] = a;
                abovePoints[a++] = point;
            }
        }
        int[][] belowOrder = new int[d][];
        int[][] aboveOrder = new int[d][];
        for (int j = 0; j < d; j++) {
            if (!dims.get(j).isCategorical()) {
                belowOrder[j] = new int[b];
                aboveOrder[j] = new int[a];
                split(columns[j], belowIndex, aboveIndex, belowOrder[j], aboveOrder[j]);
            }
        }
        double[] belowWeights = joint
                ? improvementWeights(belowLosses, firstLossAfter(r, threshold, present), study.directions().size())
                : defaultWeights(nBelow);
        ParzenEstimator.Settings settings = new ParzenEstimator.Settings(options.priorWeight(),
                options.considerMagicClip(), options.considerEndpoints(), joint);
        ParzenEstimator good = new ParzenEstimator(dims, belowPoints, belowWeights, settings, belowOrder);
        ParzenEstimator bad = new ParzenEstimator(dims, abovePoints, defaultWeights(abovePoints.length), settings,
                aboveOrder);

        double[][] candidates = good.sample(random, options.nEiCandidates(), joint ? RECOMBINATION : 0);
        double[] score = score(good.logDensities(candidates, joint), bad.logDensities(candidates, joint));
        int best = 0;
        for (int i = 1; i < candidates.length; i++) {
            if (score[i] > score[best]) {
                best = i;
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int j = 0; j < dims.size(); j++) {
            values.put(dims.get(j).name(), dims.get(j).toValue(candidates[best][j]));
        }
        return values;
    }

    /**
     * log l(x)/g(x) of each candidate; for a joint model, the mean of the joint ratio and of the
     * sum of per-dimension ratios. The joint estimate alone, from a few good trials in several
     * dimensions, only trusts the neighbourhoods of those trials and loses on objectives whose
     * parameters act separately; the per-dimension one alone ignores interactions. Measured on
     * 24 benchmark problems, the mean beats either (see the README).
     */
    private static double[] score(ParzenEstimator.LogDensities good, ParzenEstimator.LogDensities bad) {
        double[] score = new double[good.joint().length];
        for (int i = 0; i < score.length; i++) {
            score[i] = good.joint()[i] - bad.joint()[i];
            if (good.marginals() != null) {
                score[i] = 0.5 * (score[i] + good.marginals()[i] - bad.marginals()[i]);
            }
        }
        return score;
    }

    /**
     * Splits a dimension's ascending order of all trials into the ascending orders of the below
     * and above points (by their indices there).
     */
    private static void split(TrialCoordinates.Column column, int[] belowIndex, int[] aboveIndex,
                              int[] belowOrder, int[] aboveOrder) {
        int[] order = column.order();
        int b = 0;
        int a = 0;
        for (int i = 0; i < column.size(); i++) {
            int number = order[i];
            if (number >= belowIndex.length) {
                continue;
            }
            if (belowIndex[number] >= 0) {
                belowOrder[b++] = belowIndex[number];
            } else if (aboveIndex[number] >= 0) {
                aboveOrder[a++] = aboveIndex[number];
            }
        }
        if (b != belowOrder.length || a != aboveOrder.length) {
            throw new IllegalStateException("the order of " + column.dim.name() + " misses trials: "
                    + b + "/" + belowOrder.length + " below, " + a + "/" + aboveOrder.length + " above");
        }
    }

    /** The loss of the best trial ranked after position {@code threshold} that has every dimension. */
    private static double firstLossAfter(Ranking r, int threshold, boolean[] present) {
        for (int i = threshold + 1; i < r.bestFirst().size(); i++) {
            if (present[i]) {
                return r.loss()[i];
            }
        }
        return Double.NaN;
    }

    /**
     * Weights of the good trials in proportion to how much better each is than the best of the
     * rest (the improvement an expected-improvement criterion credits it with, as in Watanabe's
     * study of TPE's components), scaled to a mean of 1 so that the prior keeps its share. The
     * best trials then draw more candidates. Equal weights where the losses do not allow it: pruned
     * or running trials among them, or several objectives (whose loss is a Pareto rank).
     */
    static double[] improvementWeights(double[] losses, double threshold, int objectives) {
        double[] w = new double[losses.length];
        Arrays.fill(w, 1.0);
        if (objectives != 1 || !Double.isFinite(threshold)) {
            return w;
        }
        double sum = 0;
        for (int i = 0; i < losses.length; i++) {
            if (!Double.isFinite(losses[i])) {
                Arrays.fill(w, 1.0);
                return w;
            }
            w[i] = Math.max(1e-12, threshold - losses[i]);
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] *= w.length / sum;
        }
        return w;
    }

    private static boolean hasAll(FrozenTrial t, TrialCoordinates.Column[] columns) {
        for (TrialCoordinates.Column column : columns) {
            if (Double.isNaN(column.get(t))) {
                return false;
            }
        }
        return true;
    }

    /** Optuna's default_weights: equal below 25 observations, then a ramp from 1/n up to 1 for the older ones. */
    static double[] defaultWeights(int n) {
        double[] w = new double[n];
        if (n < 25) {
            Arrays.fill(w, 1.0);
            return w;
        }
        int ramp = n - 25;
        for (int i = 0; i < ramp; i++) {
            w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
        }
        for (int i = ramp; i < n; i++) {
            w[i] = 1.0;
        }
        return w;
    }

    private static Ranked rank(FrozenTrial t, List<Direction> directions, double moLoss) {
        if (t.state() == TrialState.COMPLETE) {
            double loss = directions.size() == 1 ? signed(t.values().get(0), directions.get(0)) : moLoss;
            return new Ranked(t, 0, 0, loss);
        }
        if (t.state() == TrialState.PRUNED && !t.intermediateValues().isEmpty()) {
            int step = t.intermediateValues().lastKey();
            double loss = signed(t.intermediateValues().get(step), directions.get(0));
            // Pruned trials rank after the completed ones; those that went further rank first.
            return new Ranked(t, 1, -step, loss);
        }
        // Running trials (constant liar) and pruned trials without a report count as the worst.
        return new Ranked(t, t.state() == TrialState.PRUNED ? 2 : 0, 0, Double.POSITIVE_INFINITY);
    }

    private static double signed(double value, Direction direction) {
        double v = direction == Direction.MAXIMIZE ? -value : value;
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }
}

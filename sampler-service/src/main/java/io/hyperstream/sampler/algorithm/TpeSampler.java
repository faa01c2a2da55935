package io.hyperstream.sampler.algorithm;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.model.spec.Distribution;
import io.hyperstream.model.spec.ParamSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The Tree-structured Parzen Estimator (Bergstra et al., 2011), as Optuna's {@code TPESampler}:
 * the finished trials are split into the best fraction ({@code gamma}) and the rest, a Parzen
 * estimator is fitted to each, and of {@code n_ei_candidates} points drawn from the good density
 * l(x) the one with the largest l(x)/g(x) is chosen. Univariate by default (one estimator per
 * parameter, which handles conditional parameters naturally); {@code multivariate} models the
 * parameters that every trial has jointly. With {@code constant_liar}, trials still running
 * count as bad results so that trainers asking at once get different configurations.
 */
public final class TpeSampler implements Sampler {

    /** The option names a spec may give, as Optuna's arguments. */
    public static final Set<String> OPTION_NAMES = Set.of("n_startup_trials", "n_ei_candidates",
            "prior_weight", "gamma", "gamma_max", "multivariate", "constant_liar",
            "consider_magic_clip", "consider_endpoints");

    /** TPE's settings; {@link #defaults()} are Optuna 3.1's. */
    public record Options(int nStartupTrials, int nEiCandidates, double priorWeight, double gamma,
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
            if (!(gamma > 0 && gamma <= 1)) {
                throw new IllegalArgumentException("gamma must be in (0, 1], but got " + gamma);
            }
            if (gammaMax < 1) {
                throw new IllegalArgumentException("gamma_max must be >= 1, but got " + gammaMax);
            }
        }

        public static Options defaults() {
            return new Options(10, 24, 1.0, 0.1, 25, false, false, true, false);
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
                    r.number("gamma", d.gamma),
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
    }

    private final Options options;
    private final SplittableRandom random;

    public TpeSampler(Options options, long seed) {
        this.options = options;
        this.random = new SplittableRandom(seed);
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
            if (!param.distribution().isSingle()
                    && observed.stream().allMatch(t -> t.params().containsKey(param.name()))) {
                space.put(param.name(), param.distribution());
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
        if (observedTrials(study).size() < options.nStartupTrials()) {
            return RandomSampler.sample(distribution, random);
        }
        Map<String, Object> values = sampleModel(study, trialNumber, List.of(SearchDimension.of(param.name(), distribution)), false);
        return values.isEmpty() ? RandomSampler.sample(distribution, random) : values.get(param.name());
    }

    private static List<FrozenTrial> observedTrials(StudyView study) {
        return study.finishedTrials().stream()
                .filter(t -> t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED)
                .toList();
    }

    /** A trial's rank key: completed first, then pruned by how far they went, then the rest; by loss within. */
    private record Ranked(FrozenTrial trial, int group, double step, double loss) {
    }

    private static final Comparator<Ranked> BEST_FIRST = Comparator
            .comparingInt(Ranked::group)
            .thenComparingDouble(Ranked::step)
            .thenComparingDouble(Ranked::loss)
            .thenComparingInt(r -> r.trial().number());

    /**
     * The trials a model learns from, ranked once per ask: every parameter of one trial is sampled
     * from the same ranking, so it is computed for the first and reused (a study of 1,000 trials
     * would otherwise be sorted once per parameter).
     */
    private record Ranking(List<FrozenTrial> finished, List<FrozenTrial> running, int trialNumber,
                           List<FrozenTrial> bestFirst, int[] rankOf, List<FrozenTrial> byNumber) {
    }

    private Ranking ranking;

    private Ranking ranking(StudyView study, int trialNumber) {
        Ranking r = ranking;
        if (r != null && r.finished == study.finishedTrials() && r.running == study.runningTrials()
                && r.trialNumber == trialNumber) {
            return r;
        }
        List<Direction> directions = study.directions();
        List<FrozenTrial> candidates = new ArrayList<>(observedTrials(study));
        if (options.constantLiar()) {
            candidates.addAll(study.runningTrials());
        }
        double[] moLosses = directions.size() == 1 ? null : ParetoRanks.ranks(candidates, directions);
        List<Ranked> ranked = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            ranked.add(rank(candidates.get(i), directions, moLosses == null ? Double.NaN : moLosses[i]));
        }
        ranked.sort(BEST_FIRST);
        List<FrozenTrial> bestFirst = new ArrayList<>(ranked.size());
        int maxNumber = 0;
        for (Ranked k : ranked) {
            bestFirst.add(k.trial());
            maxNumber = Math.max(maxNumber, k.trial().number());
        }
        int[] rankOf = new int[maxNumber + 1];
        for (int i = 0; i < bestFirst.size(); i++) {
            rankOf[bestFirst.get(i).number()] = i;
        }
        List<FrozenTrial> byNumber = new ArrayList<>(candidates);
        byNumber.sort(Comparator.comparingInt(FrozenTrial::number));
        r = new Ranking(study.finishedTrials(), study.runningTrials(), trialNumber, bestFirst, rankOf, byNumber);
        ranking = r;
        return r;
    }

    private Map<String, Object> sampleModel(StudyView study, int trialNumber, List<SearchDimension> dims, boolean joint) {
        Ranking r = ranking(study, trialNumber);
        // The trials that have every dimension, best first; the best gamma fraction of them is "below".
        int n = 0;
        for (FrozenTrial t : r.bestFirst()) {
            if (hasAll(t, dims)) {
                n++;
            }
        }
        if (n == 0) {
            return Map.of();
        }
        int nBelow = Math.min((int) Math.ceil(options.gamma() * n), options.gammaMax());
        int threshold = Integer.MAX_VALUE;
        int seen = 0;
        for (int i = 0; i < r.bestFirst().size() && seen < nBelow; i++) {
            if (hasAll(r.bestFirst().get(i), dims)) {
                seen++;
                if (seen == nBelow) {
                    threshold = i;
                }
            }
        }
        // Points in trial-number order: older trials weigh less once there are many.
        double[][] belowPoints = new double[nBelow][];
        double[][] abovePoints = new double[n - nBelow][];
        int b = 0;
        int a = 0;
        for (FrozenTrial t : r.byNumber()) {
            if (!hasAll(t, dims)) {
                continue;
            }
            double[] point = new double[dims.size()];
            for (int j = 0; j < dims.size(); j++) {
                point[j] = dims.get(j).toModel(t.params().get(dims.get(j).name()));
            }
            if (r.rankOf()[t.number()] <= threshold) {
                belowPoints[b++] = point;
            } else {
                abovePoints[a++] = point;
            }
        }
        ParzenEstimator.Settings settings = new ParzenEstimator.Settings(options.priorWeight(),
                options.considerMagicClip(), options.considerEndpoints(), joint);
        ParzenEstimator good = new ParzenEstimator(dims, belowPoints, defaultWeights(belowPoints.length), settings);
        ParzenEstimator bad = new ParzenEstimator(dims, abovePoints, defaultWeights(abovePoints.length), settings);

        double[][] candidates = good.sample(random, options.nEiCandidates());
        double[] logGood = good.logPdf(candidates);
        double[] logBad = bad.logPdf(candidates);
        int best = 0;
        for (int i = 1; i < candidates.length; i++) {
            if (logGood[i] - logBad[i] > logGood[best] - logBad[best]) {
                best = i;
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int j = 0; j < dims.size(); j++) {
            values.put(dims.get(j).name(), dims.get(j).toValue(candidates[best][j]));
        }
        return values;
    }

    private static boolean hasAll(FrozenTrial t, List<SearchDimension> dims) {
        for (SearchDimension d : dims) {
            if (!t.params().containsKey(d.name())) {
                return false;
            }
        }
        return true;
    }

    /** Optuna's default_weights: equal below 25 observations, then a ramp from 1/n up to 1 for the older ones. */
    static double[] defaultWeights(int n) {
        double[] w = new double[n];
        if (n < 25) {
            java.util.Arrays.fill(w, 1.0);
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

package io.hyperstream.cli.bench;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.sampler.algorithm.FrozenTrial;
import io.hyperstream.sampler.algorithm.Sampler;
import io.hyperstream.sampler.algorithm.SamplerRegistry;
import io.hyperstream.sampler.algorithm.StudyView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs samplers on benchmark problems in process, one trial at a time (parallelism 1, no Kafka):
 * the best value found within each budget, for every (problem, sampler, seed).
 */
public final class SamplerBench {

    /** One (problem, sampler, seed) run: the best value within each budget, or why it was skipped. */
    public record Run(String problem, String sampler, long seed, SortedMap<Integer, Double> best, double wallSeconds,
                      String skipped) {
    }

    private final SamplerRegistry registry;

    public SamplerBench(SamplerRegistry registry) {
        this.registry = registry;
    }

    /**
     * Every run of the grid problems x samplers x seeds 1..{@code seeds}, on {@code threads}
     * threads; runs are independent, so the results do not depend on the thread count.
     */
    public List<Run> runAll(BenchFile file, List<BenchProblem> problems, List<SamplerChoice> samplers, List<Integer> budgets,
                            int seeds, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Run>> futures = new ArrayList<>();
            for (BenchProblem problem : problems) {
                for (SamplerChoice sampler : samplers) {
                    for (long seed = 1; seed <= seeds; seed++) {
                        long s = seed;
                        String skip = skipReason(file, problem, sampler.type());
                        futures.add(pool.submit(() -> skip != null
                                ? new Run(problem.name(), sampler.label(), s, new TreeMap<>(), 0, skip)
                                : run(problem, sampler, s, budgets)));
                    }
                }
            }
            List<Run> runs = new ArrayList<>();
            for (Future<Run> f : futures) {
                runs.add(f.get());
            }
            return runs;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One run: asks the sampler for max(budgets) trials and records the best value at each budget. */
    public Run run(BenchProblem problem, SamplerChoice choice, long seed, List<Integer> budgets) {
        String samplerName = choice.label();
        int nTrials = budgets.stream().mapToInt(Integer::intValue).max().orElseThrow();
        StudySpec spec = problem.specWith(choice.spec(seed), nTrials);
        Sampler sampler;
        try {
            sampler = registry.createFor(spec, seed);
        } catch (IllegalArgumentException e) {
            return new Run(problem.name(), samplerName, seed, new TreeMap<>(), 0, e.getMessage());
        }
        long start = System.nanoTime();
        List<FrozenTrial> finished = new ArrayList<>();
        SortedMap<Integer, Double> bestAt = new TreeMap<>();
        Double best = null;
        for (int number = 0; number < nTrials; number++) {
            StudyView view = new StudyView(spec, finished, List.of());
            if (sampler.exhausted(view).isPresent()) {
                // A finite space fully tried: later budgets keep the best value found.
                for (int budget : budgets) {
                    if (budget > number && best != null) {
                        bestAt.put(budget, best);
                    }
                }
                break;
            }
            LinkedHashMap<String, Object> params;
            try {
                params = sampler.sampleTrial(view, number);
            } catch (IllegalArgumentException e) {
                if (number == 0) {
                    return new Run(problem.name(), samplerName, seed, new TreeMap<>(), 0, e.getMessage());
                }
                throw e;
            }
            double value = problem.evaluate(params);
            FrozenTrial trial = new FrozenTrial(number, TrialState.COMPLETE, params, List.of(value), new TreeMap<>());
            finished.add(trial);
            sampler.afterTrial(new StudyView(spec, finished, List.of()), trial);
            if (best == null || problem.better(value, best)) {
                best = value;
            }
            if (budgets.contains(number + 1)) {
                bestAt.put(number + 1, best);
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new Run(problem.name(), samplerName, seed, bestAt, wall, null);
    }

    private String skipReason(BenchFile file, BenchProblem problem, String sampler) {
        if (!problem.evaluable()) {
            return "an '" + problem.kind() + "' problem needs a trainer (see hpo bench pruning)";
        }
        if (file != null) {
            return file.referenceSkip(sampler, problem);
        }
        return null;
    }
}

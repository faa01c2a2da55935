package io.hyperstream.cli.bench;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.SamplerSpec;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.sampler.algorithm.FrozenTrial;
import io.hyperstream.sampler.algorithm.RandomSampler;
import io.hyperstream.sampler.algorithm.Sampler;
import io.hyperstream.sampler.algorithm.SamplerRegistry;
import io.hyperstream.sampler.algorithm.StudyView;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures how long a sampler takes to produce one configuration for a study that already has
 * {@code n} completed trials (drawn at random and evaluated on the problem), in process.
 */
public final class OverheadBench {

    /**
     * The time of one configuration for one sampler at one study size: wall-clock median and p90,
     * and the median CPU time of the asking thread (which other processes on a busy machine
     * inflate far less than the wall-clock time).
     */
    public record Row(String sampler, int n, double msMedian, double msP90, double cpuMsMedian, String skipped) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static final long PREFILL_SEED = 1;
    /** Untimed configurations first: a long-running sampler-service runs JIT-compiled code. */
    private static final int WARM_UP = 50;

    private final SamplerRegistry registry;

    public OverheadBench(SamplerRegistry registry) {
        this.registry = registry;
    }

    /**
     * For each size, a study pre-filled with that many completed random trials; for each
     * sampler, {@code repeats} configurations timed after a few untimed ones (JIT warm-up).
     */
    public List<Row> run(BenchProblem problem, List<SamplerChoice> samplers, List<Integer> sizes, int repeats) {
        List<Row> rows = new ArrayList<>();
        for (int n : sizes) {
            StudySpec spec = problem.specWith(new SamplerSpec("random", Map.of(), PREFILL_SEED), n + 1);
            StudyView study = prefilled(problem, spec, n);
            for (SamplerChoice choice : samplers) {
                rows.add(measure(problem, study, choice, n, repeats));
            }
        }
        return rows;
    }

    private Row measure(BenchProblem problem, StudyView prefilled, SamplerChoice choice, int n, int repeats) {
        String name = choice.label();
        Sampler sampler;
        StudyView study;
        try {
            StudySpec spec = problem.specWith(choice.spec(1L), n + 1);
            study = new StudyView(spec, prefilled.finishedTrials(), List.of());
            sampler = registry.createFor(spec, 1L);
            sampler.sampleTrial(study, n);
        } catch (IllegalArgumentException e) {
            return new Row(name, n, Double.NaN, Double.NaN, Double.NaN, e.getMessage());
        }
        for (int i = 1; i < WARM_UP; i++) {
            sampler.sampleTrial(study, n);
        }
        boolean cpuTime = THREADS.isCurrentThreadCpuTimeSupported();
        double[] ms = new double[repeats];
        double[] cpuMs = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long cpuStart = cpuTime ? THREADS.getCurrentThreadCpuTime() : 0;
            long start = System.nanoTime();
            sampler.sampleTrial(study, n);
            ms[i] = (System.nanoTime() - start) / 1e6;
            cpuMs[i] = cpuTime ? (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6 : Double.NaN;
        }
        return new Row(name, n, Stats.quantile(ms, 0.5), Stats.quantile(ms, 0.9), Stats.quantile(cpuMs, 0.5), null);
    }

    private static StudyView prefilled(BenchProblem problem, StudySpec spec, int n) {
        Sampler random = new RandomSampler(PREFILL_SEED);
        List<FrozenTrial> trials = new ArrayList<>(n);
        for (int number = 0; number < n; number++) {
            var params = random.sampleTrial(new StudyView(spec, List.of(), List.of()), number);
            trials.add(new FrozenTrial(number, TrialState.COMPLETE, params, List.of(problem.evaluate(params)),
                    new TreeMap<>()));
        }
        return new StudyView(spec, trials, List.of());
    }
}

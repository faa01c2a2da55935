package io.hyperstream.cli.bench;

import java.util.List;
import java.util.Map;

/**
 * What one framework's run of the trainer benchmark measured, summarized after the warm-up
 * epochs: the median epoch, the mean epoch (pauses for garbage collection included: the figure
 * the ratio uses), the median evaluation, the mean process CPU per epoch and the peak memory.
 *
 * @param framework    {@code dl4j} or {@code pytorch}
 * @param epochs       epochs run in all
 * @param warmup       first epochs left out of the figures
 * @param medianMs     median wall-clock milliseconds of an epoch (training and validation metrics)
 * @param meanMs       mean wall-clock milliseconds of an epoch
 * @param evalMs       median milliseconds of computing the validation metrics, within an epoch
 * @param cpuMs        mean process CPU milliseconds per epoch (every thread: robust to a busy machine)
 * @param peakRssMb    peak resident memory of the process
 * @param balancedAccuracy validation balanced accuracy after the last epoch
 */
record EpochFigures(String framework, int epochs, int warmup, double medianMs, double meanMs, double evalMs, double cpuMs,
                    double peakRssMb, double balancedAccuracy) {

    /** The figures of a benchmark process's JSON output (epoch_ms, eval_ms, cpu_ms lists; peak_rss_mb; balanced_accuracy). */
    static EpochFigures of(Map<String, Object> run, int warmup) {
        List<Double> epochMs = numbers(run, "epoch_ms");
        if (epochMs.size() <= warmup) {
            throw new IllegalArgumentException("the benchmark ran " + epochMs.size() + " epochs, no more than the "
                    + warmup + " warm-up epochs");
        }
        return new EpochFigures(String.valueOf(run.get("framework")), epochMs.size(), warmup,
                Stats.median(epochMs.subList(warmup, epochMs.size())), mean(epochMs, warmup),
                Stats.median(numbers(run, "eval_ms").subList(warmup, epochMs.size())),
                mean(numbers(run, "cpu_ms"), warmup), number(run, "peak_rss_mb"), number(run, "balanced_accuracy"));
    }

    private static double mean(List<Double> values, int from) {
        return values.subList(from, values.size()).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static List<Double> numbers(Map<String, Object> run, String field) {
        Object value = run.get(field);
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("the benchmark output has no list '" + field + "': " + run);
        }
        return list.stream().map(v -> ((Number) v).doubleValue()).toList();
    }

    private static double number(Map<String, Object> run, String field) {
        Object value = run.get(field);
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}

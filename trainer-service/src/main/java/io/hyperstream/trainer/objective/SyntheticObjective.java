package io.hyperstream.trainer.objective;

import io.hyperstream.model.function.SyntheticFunction;
import io.hyperstream.model.spec.Direction;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The {@code synthetic} objective: a benchmark function ({@link SyntheticFunction}) of the
 * trial's parameters, "trained" over epochs along a simulated learning curve so that samplers,
 * pruners and the whole pipeline can be exercised without real training.
 *
 * <p>Settings: {@code function} (required: one of {@link SyntheticFunction#names()}, e.g. branin, hartmann6, rosenbrock, ackley),
 * {@code epoch_delay_ms} (time each epoch takes, default 0), {@code noise} (standard deviation
 * of Gaussian noise added to every reported value, default 0, drawn from the trial seed) and
 * {@code direction} ({@code minimize}, the default, or {@code maximize}: the side from which the
 * curve approaches f(x)). To try how the platform copes with a broken objective, {@code fault}
 * ({@code throw}, {@code nan}, {@code infinity} or {@code hang}; default {@code none}) makes
 * epoch {@code fault_epoch} (default 1) throw, report NaN or infinity, or never end.
 *
 * <p>The curve: with f = f(x), E = max epochs and e = 1..E,
 * {@code v(e) = f + (1 + |f|) * (E - e) / E} when minimizing ({@code -} when maximizing). It
 * improves strictly with every epoch and equals f at the last one. At any fixed epoch it is
 * strictly increasing in f (its slope in f is {@code 1 +- (E - e) / E > 0}), so a better trial
 * is better at every epoch: without noise a pruner sees the final ranking from epoch 1 on.
 */
public final class SyntheticObjective implements Objective {

    /** The {@code objective.kind} of this objective. */
    public static final String KIND = "synthetic";

    private static final Set<String> SETTINGS = Set.of("function", "epoch_delay_ms", "noise", "direction", "fault",
            "fault_epoch");
    /** Faults the objective can be told to show, to try how the platform handles a broken objective. */
    private static final List<String> FAULTS = List.of("none", "throw", "nan", "infinity", "hang");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Evaluation run(TrialContext context) throws InterruptedException {
        Settings settings = Settings.of(KIND, context.settings(), SETTINGS);
        SyntheticFunction function = SyntheticFunction.named(settings.text("function"));
        long epochDelayMs = (long) settings.number("epoch_delay_ms", 0, 0);
        double noise = settings.number("noise", 0, 0);
        Direction direction = direction(settings.text("direction", "minimize"));
        String fault = settings.text("fault", "none");
        if (!FAULTS.contains(fault)) {
            throw new IllegalArgumentException("objective.settings.fault must be one of " + FAULTS + ", but got '"
                    + fault + "'");
        }
        int faultEpoch = (int) settings.number("fault_epoch", 1, 1);
        if (context.metrics().size() != 1) {
            throw new IllegalArgumentException("the synthetic objective measures one value, but the study optimizes "
                    + context.metrics().size() + " metrics " + context.metrics());
        }
        double target = function.evaluate(function.inputs(context.params()));
        SplittableRandom random = new SplittableRandom(context.seed());

        Evaluation last = null;
        for (int epoch = 1; epoch <= context.maxEpochs(); epoch++) {
            if (epochDelayMs > 0) {
                Thread.sleep(epochDelayMs);
            }
            double value = curve(target, epoch, context.maxEpochs(), direction);
            if (noise > 0) {
                value += noise * random.nextGaussian();
            }
            if (epoch == faultEpoch) {
                value = fault(fault, epoch, value);
            }
            last = Evaluation.single(context.metric(), value);
            if (context.reporter().report(epoch, last)) {
                break;
            }
        }
        return last;
    }

    /** What the {@code fault} setting makes of an epoch's value: an exception, NaN, infinity, or no end at all. */
    private static double fault(String fault, int epoch, double value) throws InterruptedException {
        switch (fault) {
            case "throw":
                throw new IllegalStateException("synthetic fault at epoch " + epoch + " (objective.settings.fault=throw)");
            case "nan":
                return Double.NaN;
            case "infinity":
                return Double.POSITIVE_INFINITY;
            case "hang":
                // Never returns: only the trainer's trial time limit (an interrupt) ends it.
                while (true) {
                    Thread.sleep(60_000);
                }
            default:
                return value;
        }
    }

    /** The simulated value after {@code epoch} of {@code maxEpochs} of a trial whose final value is {@code target}. */
    public static double curve(double target, int epoch, int maxEpochs, Direction direction) {
        double remaining = (1 + Math.abs(target)) * (maxEpochs - epoch) / maxEpochs;
        return direction == Direction.MINIMIZE ? target + remaining : target - remaining;
    }

    private static Direction direction(String text) {
        try {
            return Direction.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("objective.settings." + e.getMessage(), e);
        }
    }
}

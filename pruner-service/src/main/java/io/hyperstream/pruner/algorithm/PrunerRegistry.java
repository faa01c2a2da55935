package io.hyperstream.pruner.algorithm;

import io.hyperstream.model.pruner.PrunerSettings;
import io.hyperstream.model.spec.PrunerSpec;
import java.util.List;

/**
 * Builds pruners from a study spec's {@code pruner} section. The options are read and checked
 * by {@link PrunerSettings} (shared with sampler-service, which rejects a study whose options do
 * not read); a new pruner needs a settings record there and a case here.
 */
public final class PrunerRegistry {

    private PrunerRegistry() {
    }

    /** The pruner types, in a fixed order. */
    public static List<String> types() {
        return PrunerSettings.TYPES;
    }

    /**
     * A pruner for the spec; {@code maxEpochs} (the objective's) resolves the "auto" resources.
     * Throws IllegalArgumentException naming the bad type or option.
     */
    public static Pruner create(PrunerSpec spec, int maxEpochs) {
        return create(PrunerSettings.read(spec, maxEpochs));
    }

    /** A pruner for checked settings. */
    public static Pruner create(PrunerSettings settings) {
        if (settings instanceof PrunerSettings.None) {
            return new NopPruner();
        }
        if (settings instanceof PrunerSettings.Percentile p) {
            return new PercentilePruner(p);
        }
        if (settings instanceof PrunerSettings.Patient p) {
            return new PatientPruner(p.wrapped() == null ? null : create(p.wrapped()), p.patience(), p.minDelta());
        }
        if (settings instanceof PrunerSettings.Threshold t) {
            return new ThresholdPruner(t.lower(), t.upper(), t.nWarmupSteps(), t.intervalSteps());
        }
        if (settings instanceof PrunerSettings.Wilcoxon w) {
            return new WilcoxonPruner(w.pThreshold(), w.nStartupSteps());
        }
        if (settings instanceof PrunerSettings.SuccessiveHalving s) {
            return new SuccessiveHalvingPruner(s);
        }
        if (settings instanceof PrunerSettings.Hyperband h) {
            return new HyperbandPruner(h);
        }
        throw new IllegalArgumentException("no pruner for settings " + settings);
    }
}

package io.hyperstream.trainer.objective;

import java.util.Map;

/**
 * A plug-in as a user would write one, registered in this module's test resources
 * (META-INF/services): kind {@code constant}, whose objective reports the setting {@code value}
 * at every epoch.
 */
public final class ConstantObjectivePlugin implements ObjectivePlugin {

    @Override
    public String kind() {
        return "constant";
    }

    @Override
    public Objective create(ObjectiveEnvironment environment) {
        return new Objective() {
            @Override
            public String kind() {
                return "constant";
            }

            @Override
            public Evaluation run(TrialContext context) {
                double value = Settings.of("constant", context.settings(), java.util.Set.of("value"))
                        .number("value", 0, Double.NEGATIVE_INFINITY);
                Evaluation evaluation = new Evaluation(java.util.List.of(value), Map.of(context.metric(), value));
                for (int epoch = 1; epoch <= context.maxEpochs(); epoch++) {
                    if (context.reporter().report(epoch, evaluation)) {
                        break;
                    }
                }
                return evaluation;
            }
        };
    }
}

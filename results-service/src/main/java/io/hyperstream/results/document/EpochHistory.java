package io.hyperstream.results.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bson.Document;

/** Turns a trial's epochs document ({@link TrialEpochsDoc}) into its epoch history, in epoch order. */
public final class EpochHistory {

    /** One epoch of a trial: its objective value(s) and metrics. */
    public record EpochResult(int epoch, List<Double> values, Map<String, Double> metrics) {
    }

    private EpochHistory() {
    }

    /**
     * The epochs stored in an epochs document (null: none), sorted by number (epoch 10 after epoch
     * 9): those of the trial's latest attempt. A trial run again after its trainer stopped reports
     * its epochs anew; epochs only the abandoned attempt reached are left out.
     */
    public static List<EpochResult> of(Document trial) {
        if (trial == null) {
            return List.of();
        }
        Document intermediate = trial.get(TrialEpochsDoc.INTERMEDIATE, Document.class);
        Document metrics = trial.get(TrialEpochsDoc.EPOCH_METRICS, Document.class);
        Document attempts = trial.get(TrialEpochsDoc.EPOCH_ATTEMPTS, Document.class);
        Integer latest = BsonValues.integer(trial.get(TrialEpochsDoc.ATTEMPT));
        TreeSet<Integer> epochs = new TreeSet<>();
        collect(intermediate, epochs);
        collect(metrics, epochs);
        List<EpochResult> history = new ArrayList<>(epochs.size());
        for (int epoch : epochs) {
            String key = Integer.toString(epoch);
            Integer attempt = attempts == null ? null : BsonValues.integer(attempts.get(key));
            if ((attempt == null ? 1 : attempt) < (latest == null ? 1 : latest)) {
                continue;
            }
            List<Double> values = intermediate == null ? null : BsonValues.doubles(intermediate.get(key));
            Map<String, Double> epochMetrics = metrics == null ? null : BsonValues.doubleMap(metrics.get(key));
            history.add(new EpochResult(epoch, values == null ? List.of() : values,
                    epochMetrics == null ? Map.of() : epochMetrics));
        }
        return history;
    }

    private static void collect(Document byEpoch, TreeSet<Integer> epochs) {
        if (byEpoch == null) {
            return;
        }
        for (String key : byEpoch.keySet()) {
            try {
                epochs.add(Integer.parseInt(key));
            } catch (NumberFormatException e) {
                // Only this service writes these maps, by epoch number; anything else is not an epoch.
            }
        }
    }
}

package io.hyperstream.cli.study;

import io.hyperstream.model.StudyState;
import io.hyperstream.model.TrialState;
import java.time.Duration;

/**
 * The one-line progress of a study, such as
 * {@code trials 12/30 finished (pruned 3, failed 0), running 2, best 0.4123 (trial 7), 8.2 s}.
 */
public final class ProgressLine {

    private ProgressLine() {
    }

    public static String format(StudyProgress progress, Duration elapsed) {
        if (progress.state() == null && progress.finished() == 0 && progress.running() == 0) {
            return "study " + progress.studyId() + " submitted, waiting for the sampler to accept it, "
                    + Numbers.seconds(elapsed);
        }
        StringBuilder line = new StringBuilder()
                .append("trials ").append(progress.finished()).append('/').append(progress.plannedTrials())
                .append(" finished (pruned ").append(progress.count(TrialState.PRUNED))
                .append(", failed ").append(progress.count(TrialState.FAIL))
                .append("), running ").append(progress.running())
                .append(", ").append(best(progress))
                .append(", ").append(Numbers.seconds(elapsed));
        if (progress.state() == StudyState.COMPLETE) {
            line.append(", complete");
        }
        return line.toString();
    }

    private static String best(StudyProgress progress) {
        if (progress.isMultiObjective()) {
            int size = progress.paretoFront().size();
            return "pareto front " + size + (size == 1 ? " trial" : " trials");
        }
        return progress.best()
                .map(b -> "best " + Numbers.value(b.values().get(0)) + " (trial " + b.number() + ")")
                .orElse("best -");
    }
}

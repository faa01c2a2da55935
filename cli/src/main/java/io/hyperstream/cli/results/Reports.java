package io.hyperstream.cli.results;

import io.hyperstream.cli.study.Numbers;
import io.hyperstream.cli.study.StudyProgress;
import io.hyperstream.model.TrialState;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The texts hpo prints about a study: the summary at the end of a run, and its status. */
public final class Reports {

    private static final String FORMAT = "  %-12s %s%n";

    private Reports() {
    }

    /**
     * The summary of a completed study. {@code view} is the results API's description, or null
     * when the API could not confirm it: the counts and best trial then come from the events.
     */
    public static String summary(StudyProgress progress, StudyView view, Duration elapsed, String resultsUrl) {
        StringBuilder text = new StringBuilder();
        text.append("Study ").append(progress.studyId()).append(" complete");
        if (progress.reason() != null) {
            text.append(": ").append(progress.reason());
        }
        text.append(System.lineSeparator());
        if (progress.isMultiObjective()) {
            pareto(text, progress);
        } else {
            StudyView.Best best = view != null && view.best() != null ? view.best() : fromEvents(progress);
            best(text, best);
        }
        StudyView.Counts counts = view != null ? view.counts() : countsOf(progress);
        line(text, "trials", counts.finished() + " finished: " + counts.complete() + " complete, "
                + counts.pruned() + " pruned, " + counts.fail() + " failed");
        line(text, "elapsed", Numbers.seconds(elapsed));
        line(text, "results", resultsUrl);
        return text.toString();
    }

    /** What {@code hpo status} prints. */
    public static String status(StudyView view, String resultsUrl) {
        StringBuilder text = new StringBuilder();
        text.append("Study ").append(view.id());
        if (view.name() != null) {
            text.append(" (").append(view.name()).append(')');
        }
        text.append(": ").append(view.state() == null ? "unknown state" : view.state());
        if (view.reason() != null && !view.reason().isBlank()) {
            text.append(" - ").append(view.reason());
        }
        text.append(System.lineSeparator());
        if (!"REJECTED".equals(view.state())) {
            StudyView.Counts c = view.counts();
            line(text, "trials", c.finished() + " finished (" + c.complete() + " complete, " + c.pruned()
                    + " pruned, " + c.fail() + " failed), " + c.running() + " running, " + c.waiting()
                    + " waiting, " + c.total() + " in all");
            if (view.best() != null) {
                best(text, view.best());
            } else {
                line(text, "best", c.complete() > 0
                        ? "see " + resultsUrl + "/trials?state=COMPLETE (several objectives)"
                        : "- (no complete trial yet)");
            }
        }
        line(text, "results", resultsUrl);
        return text.toString();
    }

    private static void best(StringBuilder text, StudyView.Best best) {
        if (best == null) {
            line(text, "best", "- (no complete trial)");
            return;
        }
        line(text, "best trial", String.valueOf(best.number()));
        line(text, best.values().size() == 1 ? "value" : "values", Numbers.values(best.values()));
        line(text, "params", Numbers.params(best.params()));
    }

    private static void pareto(StringBuilder text, StudyProgress progress) {
        List<StudyProgress.TrialResult> front = progress.paretoFront();
        if (front.isEmpty()) {
            line(text, "best", "- (no complete trial)");
            return;
        }
        String label = "pareto front";
        for (StudyProgress.TrialResult r : front) {
            line(text, label, "trial " + r.number() + ": " + Numbers.values(r.values()) + "  ("
                    + Numbers.params(progress.params(r.number()).orElse(Map.of())) + ")");
            label = "";
        }
    }

    private static StudyView.Best fromEvents(StudyProgress progress) {
        return progress.best()
                .map(b -> new StudyView.Best(b.number(), b.values(),
                        b.params() == null ? Map.of() : b.params()))
                .orElse(null);
    }

    private static StudyView.Counts countsOf(StudyProgress p) {
        long complete = p.count(TrialState.COMPLETE);
        long pruned = p.count(TrialState.PRUNED);
        long fail = p.count(TrialState.FAIL);
        long running = p.count(TrialState.RUNNING);
        long waiting = p.count(TrialState.WAITING);
        return new StudyView.Counts(waiting, running, complete, pruned, fail,
                waiting + running + complete + pruned + fail, complete + pruned + fail);
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format(FORMAT, label, value));
    }
}

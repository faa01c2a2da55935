package io.hyperstream.results.dashboard.plot;

import io.hyperstream.model.spec.Direction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/** Chooses which complete trials a scatter of at most so many points shows. */
final class TrialSample {

    private TrialSample() {
    }

    /**
     * The complete trials with a finite value of the objective, by number; past {@code max}
     * trials, the best tenth of {@code max} and an evenly spaced selection (by number) of the
     * others, so that the best region stays visible and the rest keeps its shape.
     */
    static List<TrialRow> complete(StudyData study, int objective, int max) {
        Direction direction = study.direction(objective);
        List<TrialRow> complete = new ArrayList<>();
        for (TrialRow row : study.rows()) {
            if (!Double.isNaN(row.completeValue(objective))) {
                complete.add(row);
            }
        }
        if (complete.size() <= max) {
            return complete;
        }
        Comparator<TrialRow> better = Comparator.comparingDouble(r -> r.completeValue(objective));
        if (direction == Direction.MAXIMIZE) {
            better = better.reversed();
        }
        int bestCount = Math.max(1, max / 10);
        TreeSet<Integer> chosen = new TreeSet<>();
        complete.stream().sorted(better.thenComparingInt(TrialRow::number)).limit(bestCount)
                .forEach(r -> chosen.add(r.number()));
        List<TrialRow> rest = complete.stream().filter(r -> !chosen.contains(r.number())).toList();
        for (int i : Downsampling.stride(rest.size(), max - chosen.size())) {
            chosen.add(rest.get(i).number());
        }
        return complete.stream().filter(r -> chosen.contains(r.number())).toList();
    }
}

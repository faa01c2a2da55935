package io.hyperstream.results.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A study's trials as {@link TrialRow}s, sorted by number, as of one version of the study's stats:
 * filtering and sorting thousands of trials here takes microseconds, where the MongoDB stand-in
 * would scan and sort documents for every page.
 */
public record TrialIndex(String studyId, long version, List<TrialRow> rows) {

    public TrialIndex {
        rows = List.copyOf(rows);
    }

    /** The rows a query keeps, in its order (all pages). */
    public List<TrialRow> select(TrialQuery query) {
        List<TrialRow> kept = new ArrayList<>();
        for (TrialRow row : rows) {
            if ((query.state() == null || row.state() == query.state())
                    && query.params().stream().allMatch(f -> f.matches(row.params()))) {
                kept.add(row);
            }
        }
        if (query.sort() == TrialQuery.Sort.VALUE) {
            int k = query.objective();
            Comparator<Double> values = query.descending() ? Comparator.reverseOrder() : Comparator.naturalOrder();
            kept.sort(Comparator.comparing((TrialRow r) -> r.value(k), Comparator.nullsLast(values))
                    .thenComparingInt(TrialRow::number));
        } else if (query.descending()) {
            kept.sort(Comparator.comparingInt(TrialRow::number).reversed());
        }
        return kept;
    }
}

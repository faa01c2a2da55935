package io.hyperstream.results.dashboard.plot;

import io.hyperstream.model.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A page of the trial table, sorted by any column: {@code number}, {@code state}, {@code value}
 * (the first objective) or {@code value:K}, {@code duration}, {@code trainer}, {@code started},
 * {@code finished}, {@code epoch} or {@code param:NAME}. Trials without a value in the sorted
 * column come last in either order; ties go by trial number.
 */
public record TrialTable(int page, int size, long total, String sort, String order, List<Item> items) {

    /**
     * One row.
     *
     * @param values final value(s), null where a value is not finite
     */
    public record Item(int number, TrialState state, List<Double> values, Map<String, Object> params,
                       String trainerId, Instant startedAt, Instant finishedAt, Long durationMs, Integer lastEpoch,
                       Integer prunedAtEpoch) {
    }

    /** The page {@code page} (from 0) of {@code size} rows, optionally only trials in one state. */
    public static TrialTable of(StudyData study, String sort, boolean descending, TrialState state, int page, int size) {
        String key = sort == null || sort.isBlank() ? "number" : sort.trim();
        Function<TrialRow, Comparable<?>> column = column(study, key);
        Comparator<TrialRow> byColumn = (a, b) -> compare(column.apply(a), column.apply(b), descending);
        List<TrialRow> rows = new ArrayList<>();
        for (TrialRow row : study.rows()) {
            if (state == null || row.state() == state) {
                rows.add(row);
            }
        }
        rows.sort(byColumn.thenComparingInt(TrialRow::number));
        long skip = (long) page * size;
        List<Item> items = new ArrayList<>();
        for (long i = skip; i < rows.size() && i < skip + size; i++) {
            items.add(item(rows.get((int) i)));
        }
        return new TrialTable(page, size, rows.size(), key, descending ? "desc" : "asc", items);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable a, Comparable b, boolean descending) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int c = a.compareTo(b);
        return descending ? -c : c;
    }

    private static Function<TrialRow, Comparable<?>> column(StudyData study, String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "number":
                return TrialRow::number;
            case "state":
                return TrialRow::state;
            case "value":
                return r -> value(r, 0);
            case "duration":
                return TrialRow::durationMs;
            case "trainer":
                return TrialRow::trainerId;
            case "started":
                return TrialRow::startedAt;
            case "finished":
                return TrialRow::finishedAt;
            case "epoch":
                return TrialRow::lastEpoch;
            default:
                break;
        }
        if (lower.startsWith("value:")) {
            int objective;
            try {
                objective = Integer.parseInt(key.substring("value:".length()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sort value:K needs an objective index K, but got '" + key + "'");
            }
            study.direction(objective);
            return r -> value(r, objective);
        }
        if (key.startsWith("param:")) {
            ParamInfo param = study.param(key.substring("param:".length()));
            return r -> {
                Object v = r.params() == null ? null : r.params().get(param.name());
                if (v == null) {
                    return null;
                }
                // One type per column: choices may mix numbers and text.
                if (param.categorical()) {
                    return String.valueOf(v);
                }
                return v instanceof Number n && !Double.isNaN(n.doubleValue()) ? n.doubleValue() : null;
            };
        }
        throw new IllegalArgumentException("sort must be one of number, state, value, value:K, duration, trainer, "
                + "started, finished, epoch, param:NAME, but got '" + key + "'");
    }

    /** Any final or last value of a trial (pruned trials too), or null when missing or not finite. */
    private static Double value(TrialRow row, int objective) {
        if (row.values() == null || objective >= row.values().length || !Double.isFinite(row.values()[objective])) {
            return null;
        }
        return row.values()[objective];
    }

    private static Item item(TrialRow r) {
        List<Double> values = null;
        if (r.values() != null) {
            values = new ArrayList<>();
            for (double v : r.values()) {
                values.add(Double.isFinite(v) ? v : null);
            }
        }
        return new Item(r.number(), r.state(), values, r.params(), r.trainerId(),
                r.startedAt() == null ? null : Instant.ofEpochMilli(r.startedAt()),
                r.finishedAt() == null ? null : Instant.ofEpochMilli(r.finishedAt()), r.durationMs(), r.lastEpoch(),
                r.prunedAtEpoch());
    }
}

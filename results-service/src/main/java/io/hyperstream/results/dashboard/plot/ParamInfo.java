package io.hyperstream.results.dashboard.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A search-space parameter as the plots draw it. Numeric parameters are drawn on a linear or log
 * axis from {@code low} to {@code high}; a categorical one on an axis of its choices, each trial
 * placed at the index of its choice.
 *
 * @param type    {@code float}, {@code int} or {@code categorical}
 * @param choices the choices as text (categorical only, else empty)
 */
public record ParamInfo(String name, String type, Double low, Double high, boolean log, List<String> choices) {

    public ParamInfo {
        Objects.requireNonNull(name, "name");
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public boolean categorical() {
        return "categorical".equals(type);
    }

    /**
     * Where a trial's value of this parameter sits on the plot's axis: the number itself, or the
     * index of a categorical choice; null when the trial has no (usable) value for it.
     */
    public Double coordinate(Object value) {
        if (value == null) {
            return null;
        }
        if (categorical()) {
            int index = choices.indexOf(String.valueOf(value));
            return index < 0 ? null : (double) index;
        }
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        return null;
    }

    /** This parameter with a choice added (a value met in a trial that the spec does not list). */
    ParamInfo withChoice(String choice) {
        List<String> more = new ArrayList<>(choices);
        more.add(choice);
        return new ParamInfo(name, type, low, high, log, more);
    }
}

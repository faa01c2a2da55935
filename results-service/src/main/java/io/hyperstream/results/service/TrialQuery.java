package io.hyperstream.results.service;

import io.hyperstream.model.TrialState;
import java.util.List;

/**
 * A page of a study's trials: which ones (state, parameter ranges), in which order, which page.
 *
 * @param state     only trials in this state; null for all
 * @param sort      by trial number or by objective value
 * @param objective the objective whose value {@link Sort#VALUE} sorts by, from 0
 * @param page      page number from 0
 * @param size      page size
 */
public record TrialQuery(TrialState state, List<ParamFilter> params, Sort sort, boolean descending, int objective,
                         int page, int size) {

    /** What trials are sorted by. */
    public enum Sort {
        /** The trial number. */
        NUMBER,
        /** The value of one objective; trials without a finite value come last, whatever the order. */
        VALUE
    }

    public TrialQuery {
        params = params == null ? List.of() : List.copyOf(params);
        sort = sort == null ? Sort.NUMBER : sort;
    }

    /** All trials by number, one page. */
    public static TrialQuery byNumber(TrialState state, int page, int size) {
        return new TrialQuery(state, List.of(), Sort.NUMBER, false, 0, page, size);
    }

    /** Whether this query keeps every trial (so that the total is the study's trial count). */
    public boolean keepsAll() {
        return state == null && params.isEmpty();
    }
}

package io.hyperstream.model.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Earlier studies whose completed trials seed a new study, as if the new study had run them
 * first (Optuna's {@code add_trials}). The earlier studies must have the same parameters and
 * directions; only trials whose parameters fit the new search space are used.
 *
 * @param studies the earlier studies' ids, in the order their trials are given to the sampler
 */
public record WarmStartSpec(List<String> studies) {

    public WarmStartSpec {
        if (studies == null || studies.isEmpty()) {
            throw new IllegalArgumentException("studies must name at least one study, but got " + studies);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < studies.size(); i++) {
            String id = studies.get(i);
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("studies[" + i + "] must be a study id, but got "
                        + (id == null ? "null" : "'" + id + "'"));
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException("studies[" + i + "]: study '" + id + "' is listed twice");
            }
        }
        studies = List.copyOf(studies);
    }
}

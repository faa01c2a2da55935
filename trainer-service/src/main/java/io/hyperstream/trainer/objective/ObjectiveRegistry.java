package io.hyperstream.trainer.objective;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The objectives a trainer can run, by {@code objective.kind}. */
public final class ObjectiveRegistry {

    private final Map<String, Objective> byKind = new TreeMap<>();

    public ObjectiveRegistry(Collection<? extends Objective> objectives) {
        for (Objective objective : objectives) {
            Objective previous = byKind.putIfAbsent(objective.kind(), objective);
            if (previous != null) {
                throw new IllegalArgumentException("two objectives of kind '" + objective.kind() + "': "
                        + previous.getClass().getName() + " and " + objective.getClass().getName());
            }
        }
    }

    /** The objectives that ship with the trainer. */
    public static ObjectiveRegistry standard() {
        return new ObjectiveRegistry(List.of(new SyntheticObjective()));
    }

    /** The objective of that kind, or an error that lists the kinds this trainer runs. */
    public Objective forKind(String kind) {
        Objective objective = byKind.get(kind);
        if (objective == null) {
            throw new IllegalArgumentException("unknown objective kind '" + kind + "'; this trainer runs: "
                    + String.join(", ", byKind.keySet()));
        }
        return objective;
    }

    /** The kinds this trainer runs, sorted. */
    public Set<String> kinds() {
        return Collections.unmodifiableSet(byKind.keySet());
    }
}

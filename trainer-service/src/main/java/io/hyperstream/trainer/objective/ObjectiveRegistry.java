package io.hyperstream.trainer.objective;

import io.hyperstream.trainer.mlp.MlpClassifierObjective;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /**
     * The objectives that ship with the trainer, with data sets looked up in the working
     * directory and the default memory limit.
     */
    public static ObjectiveRegistry standard() {
        return standard(new ObjectiveEnvironment(List.of(Path.of("").toAbsolutePath()),
                ObjectiveEnvironment.DEFAULT_MODEL_MEMORY_LIMIT));
    }

    /** The objectives that ship with the trainer: {@code synthetic} and {@code mlp-classifier}. */
    public static ObjectiveRegistry standard(ObjectiveEnvironment environment) {
        return new ObjectiveRegistry(builtIns(environment));
    }

    /**
     * The built-in objectives plus one from each plug-in. A plug-in whose kind is malformed or
     * already taken is an error naming both, so that a study never silently runs another objective.
     */
    public static ObjectiveRegistry withPlugins(ObjectiveEnvironment environment, List<ObjectivePlugin> plugins) {
        List<Objective> objectives = new ArrayList<>(builtIns(environment));
        Map<String, String> origin = new TreeMap<>();
        for (Objective builtIn : objectives) {
            origin.put(builtIn.kind(), "the built-in objective");
        }
        for (ObjectivePlugin plugin : plugins) {
            String source = plugin.getClass().getName();
            String kind = plugin.kind();
            if (kind == null || !kind.matches("[a-z][a-z0-9_-]*")) {
                throw new IllegalArgumentException("objective plug-in " + source + " has the kind '" + kind
                        + "'; a kind is lower-case letters, digits, '-' and '_', starting with a letter");
            }
            if (origin.containsKey(kind)) {
                throw new IllegalArgumentException("objective plug-in " + source + " has the kind '" + kind + "', which "
                        + origin.get(kind) + " already uses");
            }
            Objective objective = plugin.create(environment);
            if (objective == null || !kind.equals(objective.kind())) {
                throw new IllegalArgumentException("objective plug-in " + source + " of kind '" + kind
                        + "' created " + (objective == null ? "no objective" : "an objective of kind '" + objective.kind() + "'"));
            }
            objectives.add(objective);
            origin.put(kind, "plug-in " + source);
        }
        return new ObjectiveRegistry(objectives);
    }

    private static List<Objective> builtIns(ObjectiveEnvironment environment) {
        return List.of(new SyntheticObjective(), new MlpClassifierObjective(environment));
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

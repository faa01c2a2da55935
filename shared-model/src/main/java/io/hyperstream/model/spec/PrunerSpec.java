package io.hyperstream.model.spec;

import java.util.Map;

/** Which pruner decides to stop unpromising trials early, and its options. */
public record PrunerSpec(String type, Map<String, Object> options) {

    public PrunerSpec {
        type = type == null ? "none" : type.trim();
        if (type.isEmpty()) {
            throw new IllegalArgumentException("pruner.type must not be empty");
        }
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** The default: no pruning. */
    public static PrunerSpec defaults() {
        return new PrunerSpec(null, null);
    }

    /** Whether trials of this study are ever pruned (so trainers wait for verdicts). */
    public boolean prunes() {
        return !type.equals("none") && !type.equals("nop");
    }
}

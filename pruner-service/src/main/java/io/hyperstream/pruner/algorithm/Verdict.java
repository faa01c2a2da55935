package io.hyperstream.pruner.algorithm;

import java.util.Objects;

/** A pruner's decision for one report of one trial, with the reason a user can read. */
public record Verdict(boolean prune, String reason) {

    public Verdict {
        Objects.requireNonNull(reason, "reason");
    }

    /** Let the trial go on. */
    public static Verdict keep(String reason) {
        return new Verdict(false, reason);
    }

    /** Stop the trial. */
    public static Verdict stop(String reason) {
        return new Verdict(true, reason);
    }
}

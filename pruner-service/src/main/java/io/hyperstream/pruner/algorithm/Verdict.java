package io.hyperstream.pruner.algorithm;

/** A pruner's decision for one report of one trial, with the reason a user can read. */
public record Verdict(boolean prune, String reason) {

    public static Verdict keep(String reason) {
        return new Verdict(false, reason);
    }

    public static Verdict stop(String reason) {
        return new Verdict(true, reason);
    }
}

package io.hyperstream.sampler.metrics;

import io.hyperstream.model.event.StudyRejected;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What kind of problem a rejection was, from a small fixed set, so that rejections can be
 * counted by kind without a label per distinct reason: the spec field a reason starts with (every
 * spec error names its field first), {@code duplicate} or {@code too_large}, otherwise
 * {@code invalid_spec}.
 */
public final class RejectionKind {

    /** Spec fields that name their own kind. */
    static final Set<String> FIELDS = Set.of("name", "direction", "directions", "search_space", "sampler", "pruner",
            "objective", "budget", "enqueue_trials", "warm_start");

    private static final Pattern LEADING_FIELD = Pattern.compile("^([a-z_]+)\\b");

    private RejectionKind() {
    }

    /** The kind of this rejection. */
    public static String of(StudyRejected rejection) {
        if (rejection.duplicate()) {
            return "duplicate";
        }
        String reason = rejection.reason() == null ? "" : rejection.reason();
        if (reason.startsWith("StudySubmitted is ") && reason.contains("max-spec-bytes")) {
            return "too_large";
        }
        Matcher field = LEADING_FIELD.matcher(reason);
        return field.find() && FIELDS.contains(field.group(1)) ? field.group(1) : "invalid_spec";
    }
}

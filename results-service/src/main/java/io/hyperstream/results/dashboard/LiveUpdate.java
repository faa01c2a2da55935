package io.hyperstream.results.dashboard;

import java.time.Instant;

/**
 * One message of a live-update stream: {@code open} when the stream starts, {@code change} when
 * stored data of a study changed (sent at most once per study and live interval), {@code ping}
 * to keep an idle stream open.
 *
 * @param studyId       the study that changed (change only; null when a write named no study)
 * @param trialWrites   trial documents written since the previous change message
 * @param studyWritten  whether the study's own document (state, spec) was written
 */
public record LiveUpdate(String type, String studyId, int trialWrites, boolean studyWritten, Instant at) {

    static LiveUpdate open(String studyId) {
        return new LiveUpdate("open", studyId, 0, false, Instant.now());
    }

    static LiveUpdate ping() {
        return new LiveUpdate("ping", null, 0, false, Instant.now());
    }

    static LiveUpdate change(String studyId, int trialWrites, boolean studyWritten) {
        return new LiveUpdate("change", studyId, trialWrites, studyWritten, Instant.now());
    }
}

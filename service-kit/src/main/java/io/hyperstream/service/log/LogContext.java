package io.hyperstream.service.log;

import org.jboss.logging.MDC;

/**
 * Puts the study id (and trial number) of the record being processed into the logging context
 * (MDC) for the length of a try-with-resources block, so that every log line written meanwhile
 * carries them: as {@code mdc} fields in JSON logs, and for {@code %X{studyId}} in a text format.
 * Closing restores what was there before, so contexts nest.
 */
public final class LogContext implements AutoCloseable {

    /** MDC key of the study id. */
    public static final String STUDY_ID = "studyId";
    /** MDC key of the trial number. */
    public static final String TRIAL_NUMBER = "trialNumber";

    private final Object previousStudy;
    private final Object previousTrial;

    private LogContext(String studyId, Integer trialNumber) {
        previousStudy = put(STUDY_ID, studyId);
        previousTrial = put(TRIAL_NUMBER, trialNumber == null ? null : trialNumber.toString());
    }

    /** A context about one study (no trial); a null study id leaves the context without one. */
    public static LogContext study(String studyId) {
        return new LogContext(studyId, null);
    }

    /** A context about one trial of a study. */
    public static LogContext trial(String studyId, int trialNumber) {
        return new LogContext(studyId, trialNumber);
    }

    @Override
    public void close() {
        put(STUDY_ID, previousStudy);
        put(TRIAL_NUMBER, previousTrial);
    }

    private static Object put(String key, Object value) {
        Object previous = MDC.get(key);
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
        return previous;
    }
}

package io.hyperstream.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.jboss.logging.MDC;

/**
 * Records what a service logs under a logger name (and its children), with the study id and
 * trial number of the logging context at the time of each line, for tests of log contents.
 * Close it to detach.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    /**
     * One log line as captured.
     *
     * @param message     the message with its parameters filled in
     * @param studyId     the logging context's studyId (null when none)
     * @param trialNumber the logging context's trialNumber (null when none)
     */
    public record Line(String logger, Level level, String message, String studyId, String trialNumber) {
    }

    private final Logger logger;
    private final List<Line> lines = new ArrayList<>();

    private LogCapture(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** Starts capturing what is logged under {@code loggerName}. */
    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    @Override
    public void publish(LogRecord record) {
        // Handlers run on the logging thread, where the context of the line is still set.
        Object studyId = MDC.get("studyId");
        Object trialNumber = MDC.get("trialNumber");
        synchronized (lines) {
            lines.add(new Line(record.getLoggerName(), record.getLevel(), message(record),
                    studyId == null ? null : studyId.toString(), trialNumber == null ? null : trialNumber.toString()));
        }
    }

    private static String message(LogRecord record) {
        Object[] parameters = record.getParameters();
        if (parameters == null || parameters.length == 0 || record.getMessage() == null) {
            return record.getMessage();
        }
        try {
            return record.getMessage().contains("{0") ? new SimpleFormatter().formatMessage(record)
                    : String.format(record.getMessage(), parameters);
        } catch (java.util.IllegalFormatException e) {
            return record.getMessage();
        }
    }

    /** The lines captured so far. */
    public List<Line> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}

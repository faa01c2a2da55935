package io.hyperstream.cli.study;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Shows a study's progress: one line rewritten in place (carriage return) on a terminal, or a new
 * line every few seconds when the output goes to a file or a pipe.
 */
public final class ProgressDisplay {

    /** How often a new line is printed when the output is not a terminal. */
    static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);
    /** How often the line is rewritten on a terminal (the elapsed time changes). */
    static final Duration TERMINAL_INTERVAL = Duration.ofMillis(200);

    private final PrintWriter out;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long lastPrintNanos;
    private int lastWidth;
    private boolean lineOpen;

    /**
     * @param terminal  whether {@code out} is a terminal (rewrite one line) or not (print lines)
     * @param nanoClock {@code System::nanoTime}, or a test clock
     */
    public ProgressDisplay(PrintWriter out, boolean terminal, LongSupplier nanoClock) {
        this.out = out;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastPrintNanos = startNanos - PLAIN_INTERVAL.toNanos();
    }

    /** Time since the display was created. */
    public Duration elapsed() {
        return Duration.ofNanos(nanoClock.getAsLong() - startNanos);
    }

    /** Shows the progress if it is time to. */
    public void update(StudyProgress progress) {
        long now = nanoClock.getAsLong();
        long interval = (terminal ? TERMINAL_INTERVAL : PLAIN_INTERVAL).toNanos();
        if (now - lastPrintNanos < interval) {
            return;
        }
        print(ProgressLine.format(progress, elapsed()));
        lastPrintNanos = now;
    }

    private void print(String line) {
        if (terminal) {
            out.print('\r');
            out.print(line);
            for (int i = line.length(); i < lastWidth; i++) {
                out.print(' ');
            }
            lastWidth = line.length();
            lineOpen = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Prints a message on a line of its own (ending the progress line on a terminal). */
    public void note(PrintWriter stream, String message) {
        endLine();
        stream.println(message);
        stream.flush();
    }

    /** Shows the final progress and ends the line. */
    public void finish(StudyProgress progress) {
        print(ProgressLine.format(progress, elapsed()));
        endLine();
    }

    /** Ends the progress line on a terminal, so that what follows starts on a line of its own. */
    public void endLine() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
            lastWidth = 0;
        }
        out.flush();
    }
}

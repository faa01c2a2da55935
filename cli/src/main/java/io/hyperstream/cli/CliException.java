package io.hyperstream.cli;

/** A failure reported to the user as one clear message, with the exit code hpo ends with. */
public class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit code: {@link ExitCodes#FAILURE} or {@link ExitCodes#BAD_INPUT}. */
    public int exitCode() {
        return exitCode;
    }
}

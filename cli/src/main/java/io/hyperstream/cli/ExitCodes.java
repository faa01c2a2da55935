package io.hyperstream.cli;

/** The exit codes of the hpo command. */
public final class ExitCodes {

    /** The command did what it was asked (a study completed, a status was printed). */
    public static final int OK = 0;
    /** Something failed: the stack did not start, a broker or API was unreachable, a study is unknown. */
    public static final int FAILURE = 1;
    /** Bad input: a usage error, an unreadable or invalid study spec, a study the sampler rejected. */
    public static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}

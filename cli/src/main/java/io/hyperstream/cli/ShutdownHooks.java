package io.hyperstream.cli;

import java.io.PrintWriter;

/** Stops what hpo started when the JVM exits on Ctrl-C or a signal. */
final class ShutdownHooks {

    private static volatile boolean shuttingDown;

    private ShutdownHooks() {
    }

    /** Whether the JVM is stopping because of a signal: errors after that are consequences, not news. */
    static boolean shuttingDown() {
        return shuttingDown;
    }

    /** Registers a hook that closes {@code resource}; remove it with {@link #remove} once closed normally. */
    static Thread closeOnExit(AutoCloseable resource, PrintWriter err) {
        Thread hook = new Thread(() -> {
            shuttingDown = true;
            err.println();
            err.println("hpo: stopping everything it started...");
            err.flush();
            try {
                resource.close();
            } catch (Exception e) {
                err.println("hpo: while stopping: " + e.getMessage());
            }
            err.flush();
        }, "hpo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** Removes a hook unless the JVM is already running it. */
    static void remove(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs anyway, and close() is idempotent.
        }
    }
}

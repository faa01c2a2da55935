package io.hyperstream.trainer.service;

/**
 * Tells a running trial that this trainer gives it up (the trainer is stopping, or it lost the
 * trial's lease): it publishes nothing more, and the trial is delivered again to a trainer.
 */
public final class Cancellation {

    private volatile boolean cancelled;

    /** Marks the trial as given up; the caller interrupts the thread running it. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}

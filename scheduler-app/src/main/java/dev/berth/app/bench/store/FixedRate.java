package dev.berth.app.bench.store;

import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop schedule: send {@code i} is due {@code i / perSecond} seconds after {@code startNanos}, whatever the
 * answers to earlier sends, so a slow server meets a steady load rather than one that slows down with it.
 */
public record FixedRate(long startNanos, int perSecond) {

    long dueNanos(long i) {
        return startNanos + i * 1_000_000_000L / perSecond;
    }

    /** Sleeps until send {@code i} is due (at once if it is late). */
    public void awaitDue(long i) {
        long due = dueNanos(i);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }
}

package dev.berth.store.transport;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential reconnect delays with jitter: the ceiling starts at {@code initial}, doubles after each
 * failed attempt up to {@code max}, and each delay is drawn from the upper half of the current ceiling so
 * that nodes restarting together do not reconnect in lockstep. Not thread-safe; one per peer link.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final DoubleSupplier random;
    private long ceilingMillis;

    /** @param random values in [0, 1) */
    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.random = random;
        this.ceilingMillis = initialMillis;
    }

    /** The delay before the next attempt, in milliseconds, at least 1. */
    long nextDelayMillis() {
        long ceiling = ceilingMillis;
        ceilingMillis = ceiling > maxMillis / 2 ? maxMillis : ceiling * 2;
        long half = ceiling / 2;
        return Math.max(1, ceiling - half + (long) (random.getAsDouble() * half));
    }

    /** Starts over from {@code initial}, after a successful connection. */
    void reset() {
        ceilingMillis = initialMillis;
    }
}

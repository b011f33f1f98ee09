package dev.berth.store.linearizability;

import java.time.Duration;

/** When a check must give up, shared by all of its partitions so the caller's timeout bounds the whole check. */
final class Deadline {

    private final long start = System.nanoTime();
    private final long budgetNanos;

    Deadline(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, but was " + timeout);
        }
        budgetNanos = timeout.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : timeout.toNanos();
    }

    boolean passed() {
        return System.nanoTime() - start > budgetNanos;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}

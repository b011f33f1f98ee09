package dev.berth.app.bench.store;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One round of the lease row: {@code requests} keep-alives handed out one at a time to streams that each keep one in
 * flight, as {@link ClosedLoop} does for unary calls. A stream takes a request number, sends, and on the answer
 * records the latency and takes the next; the round ends when every number is answered. Any failure fails the row.
 */
final class KeepAliveRound {
    /** What {@link #take()} answers once every request has been handed out. */
    static final int NONE_LEFT = -1;

    private final int requests;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLongArray latencyNanos;
    private final CountDownLatch pending;
    private final AtomicReference<String> fault = new AtomicReference<>();
    private volatile long startNanos;

    KeepAliveRound(int requests) {
        this.requests = requests;
        this.latencyNanos = new AtomicLongArray(requests);
        this.pending = new CountDownLatch(requests);
    }

    /** Marks the start of the round's wall time; call before the first send. */
    void start() {
        startNanos = System.nanoTime();
    }

    /** The number of the next request to send, or {@link #NONE_LEFT}. */
    int take() {
        int n = next.getAndIncrement();
        return n < requests ? n : NONE_LEFT;
    }

    void answered(int request, long latency) {
        latencyNanos.set(request, latency);
        pending.countDown();
    }

    void fail(String why) {
        fault.compareAndSet(null, why);
    }

    /**
     * Waits for every answer and returns the round's figures: answers per second of wall time, and their p99.
     *
     * @throws IllegalStateException if answers are missing after {@code timeout}, or anything failed
     */
    Measurement await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.await(Math.min(100_000_000L, Math.max(0, deadline - System.nanoTime())), TimeUnit.NANOSECONDS)) {
            if (fault.get() != null || System.nanoTime() >= deadline) {
                break;
            }
        }
        long elapsed = System.nanoTime() - startNanos;
        if (fault.get() != null) {
            throw new IllegalStateException("lease keep-alive row failed: " + fault.get());
        }
        if (pending.getCount() > 0) {
            throw new IllegalStateException(pending.getCount() + " of " + requests + " keep-alives still unanswered after --timeout "
                    + timeout.toSeconds() + " s");
        }
        long[] latencies = new long[requests];
        for (int i = 0; i < requests; i++) {
            latencies[i] = latencyNanos.get(i);
        }
        return Measurement.of(latencies, elapsed);
    }
}

package dev.berth.app.bench.store;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One round of the watch row: when each put was sent, and when each watcher received its event. An event's latency
 * is its arrival less its put's send; throughput is events over the time from the first send to the last arrival.
 * Every watcher must receive every put's event exactly once: a duplicate, or an event for a put not sent yet, is a
 * fault of the system under test and fails the row.
 */
final class Deliveries {
    private static final long NOT_SENT = Long.MIN_VALUE;

    private final int puts;
    private final int watchers;
    /** Per put, when it was sent; {@link #NOT_SENT} until then (nanoTime may be any long, even 0). */
    private final AtomicLongArray sentNanos;
    /** Per (put, watcher), the event's latency; -1 until it arrives. */
    private final AtomicLongArray latencyNanos;
    private final AtomicLong lastArrivalNanos = new AtomicLong(Long.MIN_VALUE);
    private final CountDownLatch pending;
    private final AtomicReference<String> fault = new AtomicReference<>();

    Deliveries(int puts, int watchers) {
        this.puts = puts;
        this.watchers = watchers;
        this.sentNanos = new AtomicLongArray(puts);
        this.latencyNanos = new AtomicLongArray(puts * watchers);
        for (int i = 0; i < puts; i++) {
            sentNanos.set(i, NOT_SENT);
        }
        for (int i = 0; i < latencyNanos.length(); i++) {
            latencyNanos.set(i, -1);
        }
        this.pending = new CountDownLatch(puts * watchers);
    }

    int puts() {
        return puts;
    }

    /** Records that put {@code put} leaves now ({@code nanos}); call before sending it. */
    void sent(int put, long nanos) {
        sentNanos.set(put, nanos);
    }

    void arrived(int put, int watcher, long nanos) {
        long sent = sentNanos.get(put);
        if (sent == NOT_SENT) {
            fault.compareAndSet(null, "watcher " + watcher + " received put " + put + " before it was sent");
            return;
        }
        if (!latencyNanos.compareAndSet(put * watchers + watcher, -1, nanos - sent)) {
            fault.compareAndSet(null, "watcher " + watcher + " received put " + put + " twice");
            return;
        }
        lastArrivalNanos.accumulateAndGet(nanos, Math::max);
        pending.countDown();
    }

    /** Fails the round with {@code why} (a put or a stream failed). */
    void fail(String why) {
        fault.compareAndSet(null, why);
    }

    /**
     * Waits for every event and returns the round's figures.
     *
     * @throws IllegalStateException if an event is missing after {@code timeout}, or anything failed
     */
    Measurement await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.await(Math.min(100_000_000L, Math.max(0, deadline - System.nanoTime())), TimeUnit.NANOSECONDS)) {
            if (fault.get() != null || System.nanoTime() >= deadline) {
                break;
            }
        }
        if (fault.get() != null) {
            throw new IllegalStateException("watch row failed: " + fault.get());
        }
        if (pending.getCount() > 0) {
            throw new IllegalStateException(pending.getCount() + " of " + (long) puts * watchers + " watch events still missing after"
                    + " --timeout " + timeout.toSeconds() + " s");
        }
        long[] latencies = new long[latencyNanos.length()];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = latencyNanos.get(i);
        }
        return Measurement.of(latencies, lastArrivalNanos.get() - sentNanos.get(0));
    }
}

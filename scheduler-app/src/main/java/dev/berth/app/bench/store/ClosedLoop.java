package dev.berth.app.bench.store;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Keeps a fixed number of requests in flight until all are answered, as etcd's benchmark tool does with
 * its {@code --clients}: a new request leaves as soon as one is answered, so throughput and latency come
 * from the same run. Any failed request fails the row: a number measured over errors would mislead.
 */
final class ClosedLoop {
    private final int inFlight;
    private final Duration timeout;

    ClosedLoop(int inFlight, Duration timeout) {
        this.inFlight = inFlight;
        this.timeout = timeout;
    }

    Measurement run(int requests, IntFunction<Future<?>> send) throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        long[] latencies = new long[requests];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            acquire(slots, 1, deadline, failure);
            int slot = i;
            long sent = System.nanoTime();
            send.apply(i).onComplete(r -> {
                latencies[slot] = System.nanoTime() - sent;
                if (r.failed()) {
                    failure.compareAndSet(null, r.cause());
                }
                slots.release();
            });
        }
        acquire(slots, inFlight, deadline, failure);
        return Measurement.of(latencies, System.nanoTime() - start);
    }

    private void acquire(Semaphore slots, int permits, long deadline, AtomicReference<Throwable> failure) throws InterruptedException {
        if (!slots.tryAcquire(permits, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("requests still unanswered after --timeout " + timeout.toSeconds() + " s");
        }
        Throwable cause = failure.get();
        if (cause != null) {
            throw new IllegalStateException("a request failed: " + cause, cause);
        }
    }
}

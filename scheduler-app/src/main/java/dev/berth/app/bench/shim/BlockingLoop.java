package dev.berth.app.bench.shim;

import dev.berth.app.bench.store.Measurement;
import dev.berth.store.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A closed loop over a blocking client: {@code clients} threads each take the next request number and send it, so
 * that many requests are in flight until all are answered (fabric8's calls block, unlike the etcd bench's). A failed
 * request fails the row, and the whole row is bounded by a timeout.
 */
final class BlockingLoop {
    private final int clients;
    private final Duration timeout;

    BlockingLoop(int clients, Duration timeout) {
        this.clients = clients;
        this.timeout = timeout;
    }

    Measurement run(String row, int requests, IntConsumer send) throws InterruptedException {
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients, DaemonThreads.named("bench-shim-" + row));
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        send.accept(i);
                        latencies[i] = System.nanoTime() - sent;
                    }
                }));
            }
            long deadline = start + timeout.toNanos();
            for (Future<?> worker : workers) {
                worker.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(row + ": a request failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(row + ": requests still unanswered after --timeout " + timeout.toSeconds() + " s");
        } finally {
            pool.shutdownNow();
        }
        return Measurement.of(latencies, System.nanoTime() - start);
    }
}

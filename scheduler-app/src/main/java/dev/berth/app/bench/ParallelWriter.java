package dev.berth.app.bench;

import dev.berth.store.DaemonThreads;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** Writes a list of objects with a fixed number of writes in flight; the first failure stops the rest. */
final class ParallelWriter implements AutoCloseable {
    private final ExecutorService pool;

    ParallelWriter(int parallelism) {
        this.pool = Executors.newFixedThreadPool(parallelism, DaemonThreads.named("berth-bench-writer"));
    }

    /** Starts writing every item; the future completes when all are written or fails with the first failure. */
    <T> CompletableFuture<Void> writeAll(List<T> items, Consumer<T> write) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        CompletableFuture<?>[] writes = new CompletableFuture<?>[items.size()];
        for (int i = 0; i < writes.length; i++) {
            T item = items.get(i);
            writes[i] = CompletableFuture.runAsync(() -> {
                if (failure.get() != null) {
                    return;
                }
                try {
                    write.accept(item);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    throw e;
                }
            }, pool);
        }
        return CompletableFuture.allOf(writes);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

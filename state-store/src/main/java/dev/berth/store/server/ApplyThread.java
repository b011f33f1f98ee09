package dev.berth.store.server;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A second thread for the member, on which it applies committed entries while it fsyncs the next batch on its own:
 * the member thread hands a batch over with {@link #start}, writes its WAL, and {@link #await}s the batch before it
 * goes on, so entries are still applied one batch at a time, in log order, by one thread at a time — only no longer
 * after the fsync but during it (etcd applies on a goroutine of its own for the same reason).
 */
final class ApplyThread implements AutoCloseable {
    private final ExecutorService executor;

    ApplyThread(String member) {
        this.executor = Executors.newSingleThreadExecutor(task -> new Thread(task, "berth-apply-" + member));
    }

    /** Starts {@code batch}; the caller must {@link #await} it before touching what the batch touches. */
    Future<?> start(Runnable batch) {
        return executor.submit(batch);
    }

    /** Waits for a batch; a failure in it is rethrown here, on the member thread, as if the batch had run there. */
    void await(Future<?> batch) throws InterruptedException {
        try {
            batch.get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException fault) {
                throw fault;
            }
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failed.getCause());
        }
    }

    /** Lets a batch in progress finish (the member thread waits for it in any case), then ends the thread. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

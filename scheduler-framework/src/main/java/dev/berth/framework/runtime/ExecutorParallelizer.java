package dev.berth.framework.runtime;

import dev.berth.framework.api.Parallelizer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Splits work into chunks (about sqrt(pieces) each, as upstream's parallelizer) and runs them on
 * up to {@code parallelism} threads of an executor, the calling thread included. The caller waits
 * for chunks, not for threads, so a helper that starts late just finds nothing left to do.
 *
 * <p>Upstream's parallelism counts goroutines, which cost next to nothing; a Java thread hand-off
 * costs tens of microseconds. So fan-out uses at most one thread per core, and one extra thread per
 * {@link #MIN_PIECES_PER_THREAD} pieces: Filter and Score over a few hundred nodes stay on the
 * scheduling thread, which measured faster than splitting them, while a PreFilter walking every pod
 * of every node does spread (docs/BENCHMARKS.md).
 */
public final class ExecutorParallelizer implements Parallelizer {

    /** Pieces below which a hand-off to one more thread costs more than it saves. */
    static final int MIN_PIECES_PER_THREAD = 1000;

    private final Executor executor;
    private final int parallelism;

    /** Fans out to at most {@code min(parallelism, available processors)} threads. */
    public ExecutorParallelizer(Executor executor, int parallelism) {
        this(executor, parallelism, Runtime.getRuntime().availableProcessors());
    }

    /** Fans out to at most {@code min(parallelism, processors)} threads. */
    public ExecutorParallelizer(Executor executor, int parallelism, int processors) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.executor = executor;
        this.parallelism = Math.max(1, Math.min(parallelism, processors));
    }

    /** Upstream's chunk size: sqrt(pieces), but no more than pieces/parallelism + 1, and at least 1. */
    static int chunkSize(int pieces, int parallelism) {
        int s = (int) Math.sqrt(pieces);
        int r = pieces / parallelism + 1;
        return Math.max(1, Math.min(s, r));
    }

    @Override
    public void until(int pieces, IntConsumer piece) {
        if (pieces <= 0) {
            return;
        }
        int chunk = chunkSize(pieces, parallelism);
        int chunks = (pieces + chunk - 1) / chunk;
        int workers = Math.min(Math.min(parallelism, chunks), Math.max(1, pieces / MIN_PIECES_PER_THREAD));
        if (workers == 1) {
            for (int i = 0; i < pieces; i++) {
                piece.accept(i);
            }
            return;
        }
        AtomicInteger nextChunk = new AtomicInteger();
        CountDownLatch chunksDone = new CountDownLatch(chunks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            int c;
            while ((c = nextChunk.getAndIncrement()) < chunks) {
                try {
                    if (failure.get() == null) {
                        int end = Math.min(pieces, (c + 1) * chunk);
                        for (int i = c * chunk; i < end; i++) {
                            piece.accept(i);
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    chunksDone.countDown();
                }
            }
        };
        for (int w = 1; w < workers; w++) {
            executor.execute(worker);
        }
        worker.run();
        try {
            chunksDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for parallel work", e);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}

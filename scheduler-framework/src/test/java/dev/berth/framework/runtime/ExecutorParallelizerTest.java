package dev.berth.framework.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutorParallelizerTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void close() {
        pool.shutdownNow();
    }

    @Test
    void runsEveryPieceExactlyOnce() {
        AtomicIntegerArray hits = new AtomicIntegerArray(5000);
        new ExecutorParallelizer(pool, 16, 8).until(5000, hits::incrementAndGet);
        for (int i = 0; i < hits.length(); i++) {
            assertThat(hits.get(i)).as("piece %d", i).isEqualTo(1);
        }
    }

    @Test
    void smallJobsStayOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        new ExecutorParallelizer(pool, 16, 8).until(ExecutorParallelizer.MIN_PIECES_PER_THREAD - 1, i -> threads.add(Thread.currentThread()));
        assertThat(threads).containsExactly(caller);
    }

    @Test
    void rethrowsTheFirstFailure() {
        assertThatThrownBy(() -> new ExecutorParallelizer(pool, 4, 4).until(5000, i -> {
            if (i == 4500) {
                throw new IllegalStateException("piece 4500 failed");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("piece 4500 failed");
    }

    @Test
    void worksWithABusyOrSlowExecutor() {
        AtomicIntegerArray hits = new AtomicIntegerArray(3000);
        // An executor that never runs anything: the caller must still finish all chunks itself.
        new ExecutorParallelizer(task -> { }, 8, 8).until(3000, hits::incrementAndGet);
        assertThat(hits.get(2999)).isEqualTo(1);
    }
}

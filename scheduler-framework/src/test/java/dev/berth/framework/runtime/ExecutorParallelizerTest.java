package dev.berth.framework.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.framework.api.Parallelizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
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

    /** Each accumulator is used by one thread only, and together they saw every piece once. */
    @Test
    void accumulatorsTogetherSeeEveryPieceOnce() {
        Parallelizer executor = new ExecutorParallelizer(pool, 16, 8);
        Parallelizer viaDefault = executor::until;
        for (Parallelizer parallelizer : List.of(executor, viaDefault)) {
            List<List<Integer>> locals = parallelizer.untilAccumulating(5000, ArrayList::new, List::add);
            assertThat(locals).isNotEmpty();
            assertThat(locals.stream().flatMap(List::stream).sorted().toList())
                    .isEqualTo(IntStream.range(0, 5000).boxed().toList());
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

package dev.berth.framework.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

/** Splits work over the scheduler's worker pool (upstream's {@code parallelize.Parallelizer}). */
public interface Parallelizer {

    /**
     * Calls {@code piece} for every index in [0, pieces) on up to {@code parallelism} threads and
     * returns when all are done. The first exception thrown by a piece is rethrown here.
     */
    void until(int pieces, IntConsumer piece);

    /**
     * Like {@link #until(int, IntConsumer)}, with an accumulator per thread: {@code newLocal} makes one
     * for each thread that runs pieces, {@code piece} gets its thread's one, and all of them are returned
     * for the caller to combine. Parallel counting without locks and without a result object per piece.
     * This default looks the thread's accumulator up for every piece; implementations that know their
     * workers hand it over once.
     */
    default <T> List<T> untilAccumulating(int pieces, Supplier<T> newLocal, ObjIntConsumer<T> piece) {
        Map<Thread, T> locals = new ConcurrentHashMap<>();
        until(pieces, i -> piece.accept(locals.computeIfAbsent(Thread.currentThread(), t -> newLocal.get()), i));
        return List.copyOf(locals.values());
    }
}

package dev.berth.framework.api;

import java.util.function.IntConsumer;

/** Splits work over the scheduler's worker pool (upstream's {@code parallelize.Parallelizer}). */
public interface Parallelizer {

    /**
     * Calls {@code piece} for every index in [0, pieces) on up to {@code parallelism} threads and
     * returns when all are done. The first exception thrown by a piece is rethrown here.
     */
    void until(int pieces, IntConsumer piece);
}

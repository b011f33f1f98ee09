package dev.berth.store.lease;

import java.util.concurrent.atomic.AtomicLong;

/**
 * etcd's request id generator (idutil.Generator), which also names leases granted without an id: the low 16 bits
 * of the member id, then 40 bits of the start time in milliseconds and an 8-bit counter that carries into them.
 * Ids stay unique across members and restarts without coordination; the proposer picks one before proposing, so
 * every member applies the same id.
 */
public final class LeaseIds {

    private static final int SUFFIX_BITS = 48;
    private static final int COUNTER_BITS = 8;
    private static final int TIME_BITS = SUFFIX_BITS - COUNTER_BITS;

    private final long prefix;
    private final AtomicLong suffix;

    public LeaseIds(long memberId, long startMillis) {
        this.prefix = (memberId & 0xFFFF) << SUFFIX_BITS;
        this.suffix = new AtomicLong((startMillis & ((1L << TIME_BITS) - 1)) << COUNTER_BITS);
    }

    /** The next lease id: positive and never 0 (etcd's NoLease). */
    public long next() {
        long id;
        do {
            id = (prefix | (suffix.incrementAndGet() & ((1L << SUFFIX_BITS) - 1))) & Long.MAX_VALUE;
        } while (id == 0);
        return id;
    }
}

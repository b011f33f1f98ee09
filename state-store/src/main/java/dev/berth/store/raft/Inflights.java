package dev.berth.store.raft;

/**
 * The appends a leader has sent to one follower and not yet seen acknowledged: a ring of their last
 * indexes and sizes. Full (by count or bytes) means the leader pauses that follower — the flow control of
 * the pipeline.
 */
final class Inflights {
    private final long[] indexes;
    private final long[] sizes;
    private final long maxBytes;
    private int start;
    private int count;
    private long bytes;

    Inflights(int maxMessages, long maxBytes) {
        this.indexes = new long[maxMessages];
        this.sizes = new long[maxMessages];
        this.maxBytes = maxBytes;
    }

    void add(long lastIndex, long size) {
        if (full()) {
            throw new IllegalStateException("cannot add to full inflights");
        }
        int slot = (start + count) % indexes.length;
        indexes[slot] = lastIndex;
        sizes[slot] = size;
        count++;
        bytes += size;
    }

    /** Frees every inflight append up to and including {@code index}. */
    void freeTo(long index) {
        while (count > 0 && indexes[start] <= index) {
            bytes -= sizes[start];
            start = (start + 1) % indexes.length;
            count--;
        }
    }

    void freeFirst() {
        if (count > 0) {
            freeTo(indexes[start]);
        }
    }

    boolean full() {
        return count == indexes.length || (maxBytes > 0 && bytes >= maxBytes);
    }

    int count() {
        return count;
    }

    void reset() {
        start = 0;
        count = 0;
        bytes = 0;
    }
}

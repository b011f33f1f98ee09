package dev.berth.store.transport;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames waiting for one peer, bounded in count and in bytes so a peer that is down or slow costs
 * this node at most what the options allow. Any thread may offer; the peer's link takes frames off in
 * FIFO order. Once closed it holds nothing and refuses everything.
 */
final class OutboundQueue {

    private final int maxMessages;
    private final long maxBytes;
    private final ArrayDeque<Buffer> frames = new ArrayDeque<>();
    private long bytes;
    private boolean closed;

    OutboundQueue(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /** Appends {@code frame}; false if the queue is closed or the frame does not fit. */
    synchronized boolean offer(Buffer frame) {
        if (closed || frames.size() >= maxMessages || bytes + frame.length() > maxBytes) {
            return false;
        }
        frames.addLast(frame);
        bytes += frame.length();
        return true;
    }

    /**
     * Removes the oldest frames whose total size stays within {@code maxBatchBytes}, and at least one
     * frame whatever its size, unless the queue is empty.
     */
    synchronized List<Buffer> pollBatch(int maxBatchBytes) {
        List<Buffer> batch = new ArrayList<>();
        long batchBytes = 0;
        Buffer next;
        while ((next = frames.peekFirst()) != null
                && (batch.isEmpty() || batchBytes + next.length() <= maxBatchBytes)) {
            frames.removeFirst();
            bytes -= next.length();
            batchBytes += next.length();
            batch.add(next);
        }
        return batch;
    }

    /** Empties the queue for good; returns how many frames it discarded. */
    synchronized int close() {
        closed = true;
        int discarded = frames.size();
        frames.clear();
        bytes = 0;
        return discarded;
    }

    synchronized int size() {
        return frames.size();
    }

    synchronized long bytes() {
        return bytes;
    }
}

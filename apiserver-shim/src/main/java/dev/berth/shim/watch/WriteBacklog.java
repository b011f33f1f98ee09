package dev.berth.shim.watch;

import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The bytes of a watch's events written but not yet handed to the socket, counted by the sink itself. Vert.x's own
 * {@code writeQueueFull()} cannot tell a client that stopped reading: for writes from outside the event loop (the
 * store's watch threads) it reports full as soon as a handful of messages wait for the event loop, whatever their
 * size, so a burst of events ended healthy watches and their clients watched again from an old resourceVersion.
 */
final class WriteBacklog {
    private final long limitBytes;
    private final AtomicLong queuedBytes = new AtomicLong();

    WriteBacklog(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /**
     * Runs {@code write} of {@code bytes} unless the bytes still waiting would pass the limit; returns whether it
     * ran. The bytes count until the write completes.
     */
    boolean write(int bytes, Supplier<Future<Void>> write) {
        if (queuedBytes.get() + bytes > limitBytes) {
            return false;
        }
        queuedBytes.addAndGet(bytes);
        write.get().onComplete(done -> queuedBytes.addAndGet(-bytes));
        return true;
    }
}

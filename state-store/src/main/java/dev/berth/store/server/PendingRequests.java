package dev.berth.store.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client requests this member proposed, by request id, until the entry carrying them is applied here.
 * An entry can be lost when leadership changes, so every request has a deadline and then fails with
 * {@link StoreException.Timeout} (the client may retry; the write may or may not have happened).
 */
final class PendingRequests {
    private final Map<Long, CompletableFuture<Object>> pending = new ConcurrentHashMap<>();
    /** Starts from the clock so ids of a restarted member do not collide with its earlier ones. */
    private final AtomicLong nextId = new AtomicLong(System.currentTimeMillis() << 20);
    private final Duration timeout;

    PendingRequests(Duration timeout) {
        this.timeout = timeout;
    }

    long nextId() {
        return nextId.incrementAndGet();
    }

    /** Tracks {@code future} as the answer to {@code requestId}, failing it as timed out at the deadline. */
    void register(long requestId, CompletableFuture<Object> future) {
        pending.put(requestId, future);
        future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> {
            pending.remove(requestId);
            if (e instanceof TimeoutException) {
                future.completeExceptionally(new StoreException.Timeout("request timed out after " + timeout.toMillis()
                        + " ms (no leader, or the entry was lost in a leader change); it may or may not have been applied"));
            }
        });
    }

    void complete(long requestId, Object result) {
        CompletableFuture<Object> future = pending.remove(requestId);
        if (future != null) {
            future.complete(result);
        }
    }

    void fail(long requestId, Throwable cause) {
        CompletableFuture<Object> future = pending.remove(requestId);
        if (future != null) {
            future.completeExceptionally(cause);
        }
    }

    void failAll(Throwable cause) {
        for (Long id : pending.keySet()) {
            fail(id, cause);
        }
    }

    int size() {
        return pending.size();
    }
}

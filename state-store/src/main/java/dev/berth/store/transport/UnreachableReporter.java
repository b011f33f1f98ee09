package dev.berth.store.transport;

import io.vertx.core.Context;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers unreachable reports to the {@link UnreachableListener} on one context, so the listener never
 * runs inside {@code send} (which Raft may call while holding its own state) and a burst of drops to one
 * peer becomes one call instead of thousands.
 */
final class UnreachableReporter {

    private static final Logger LOG = LoggerFactory.getLogger(UnreachableReporter.class);

    private final Context context;
    private final UnreachableListener listener;
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    UnreachableReporter(Context context, UnreachableListener listener) {
        this.context = context;
        this.listener = listener;
    }

    /** Any thread. */
    void report(long peerId) {
        if (!closed && pending.add(peerId)) {
            context.runOnContext(v -> deliver(peerId));
        }
    }

    /** Stops all reports, including those already scheduled. */
    void close() {
        closed = true;
    }

    private void deliver(long peerId) {
        pending.remove(peerId);
        if (closed) {
            return;
        }
        try {
            listener.onUnreachable(peerId);
        } catch (RuntimeException e) {
            LOG.warn("unreachable listener failed for peer {}", peerId, e);
        }
    }
}

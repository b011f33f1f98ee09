package dev.berth.store.watch;

import dev.berth.store.etcd.pb.WatchRequest;
import dev.berth.store.etcd.pb.WatchResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One client's watch stream, as etcd's serverWatchStream: many watchers share it, and its responses wait in one
 * queue until the transport takes them with {@link #poll()} at the pace the client reads. The hub puts responses
 * in from any thread and calls the wakeup, which must only schedule the transport's writing, never write itself.
 */
public final class WatchStream {

    private final WatchHub hub;
    private final Runnable wakeup;
    private final ConcurrentLinkedQueue<Queued> queue = new ConcurrentLinkedQueue<>();
    /** Guarded by the hub's lock, as the following fields. */
    final Map<Long, Watcher> watchers = new HashMap<>();
    long nextId;
    boolean progressRequested;
    boolean closed;

    WatchStream(WatchHub hub, Runnable wakeup) {
        this.hub = hub;
        this.wakeup = wakeup;
    }

    /** A response, and the watcher whose buffer it counts against (null for control responses). */
    private record Queued(WatchResponse response, Watcher watcher) {
    }

    /** Handles one request of the client: create, cancel or progress. */
    public void handle(WatchRequest request) {
        switch (request.getRequestUnionCase()) {
            case CREATE_REQUEST -> hub.create(this, request.getCreateRequest());
            case CANCEL_REQUEST -> hub.cancel(this, request.getCancelRequest().getWatchId());
            case PROGRESS_REQUEST -> hub.requestProgress(this);
            case REQUESTUNION_NOT_SET -> {
            }
        }
    }

    /** The next response to write, or null if there is none (or the stream is closed). */
    public WatchResponse poll() {
        Queued next = queue.poll();
        if (next == null) {
            return null;
        }
        if (next.watcher() != null) {
            hub.backlogShrank(next.watcher().pending.decrementAndGet());
        }
        return next.response();
    }

    /** Removes every watcher of the stream: the client went away. */
    public void close() {
        hub.close(this);
        queue.clear();
    }

    void send(WatchResponse response, Watcher watcher) {
        if (watcher != null) {
            watcher.pending.incrementAndGet();
        }
        queue.add(new Queued(response, watcher));
        wakeup.run();
    }
}

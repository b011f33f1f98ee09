package dev.berth.store.client;

import dev.berth.store.etcd.pb.WatchCreateRequest;
import dev.berth.store.etcd.pb.WatchRequest;
import dev.berth.store.etcd.pb.WatchResponse;
import dev.berth.store.watch.WatchHub;
import dev.berth.store.watch.WatchStream;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One watch on a member's hub in this JVM: a stream of its own, drained on the client's executor (the hub's wakeup
 * runs on the apply thread and must only schedule), so the listener never holds up a write.
 */
final class InProcessWatch implements WatchHandle {
    private final WatchDecoder decoder;
    private final Executor executor;
    private final Set<InProcessWatch> open;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final WatchStream stream;

    private InProcessWatch(WatchHub hub, WatchDecoder decoder, Executor executor, Set<InProcessWatch> open) {
        this.decoder = decoder;
        this.executor = executor;
        this.open = open;
        this.stream = hub.openStream(this::wakeUp);
    }

    /** Opens the watch and keeps it in {@code open} until it ends. */
    static InProcessWatch open(WatchHub hub, WatchCreateRequest request, WatchListener listener, Executor executor,
            Set<InProcessWatch> open) {
        InProcessWatch watch = new InProcessWatch(hub, new WatchDecoder(request, listener), executor, open);
        open.add(watch);
        watch.stream.handle(WatchRequest.newBuilder().setCreateRequest(request).build());
        return watch;
    }

    private void wakeUp() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException clientClosed) {
                // The client closes every stream before its executor; this is the hub racing that close. Throwing
                // here would reach the member's apply thread.
                scheduled.set(false);
            }
        }
    }

    /** Under the watch's lock, so responses reach the listener one at a time and in order. */
    private synchronized void drain() {
        scheduled.set(false);
        while (!decoder.ended()) {
            WatchResponse next = stream.poll();
            if (next == null) {
                return;
            }
            if (decoder.handle(next)) {
                end(null);
            }
        }
    }

    @Override
    public void cancel() {
        end(new WatchEnd.Canceled("canceled by the client"));
    }

    /** Closes the stream and, unless it already ended, tells the listener {@code end} (null: it was told). */
    synchronized void end(WatchEnd end) {
        stream.close();
        open.remove(this);
        if (end != null) {
            decoder.end(end);
        }
    }
}

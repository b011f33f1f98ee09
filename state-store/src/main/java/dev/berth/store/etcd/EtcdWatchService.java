package dev.berth.store.etcd;

import dev.berth.store.etcd.pb.WatchGrpcService;
import dev.berth.store.etcd.pb.WatchRequest;
import dev.berth.store.etcd.pb.WatchResponse;
import dev.berth.store.mvcc.HeaderFactory;
import dev.berth.store.mvcc.MvccStore;
import dev.berth.store.watch.WatchHub;
import dev.berth.store.watch.WatchOptions;
import dev.berth.store.watch.WatchStream;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * etcd's Watch service: each bidirectional call is one {@link WatchStream} of the hub, carrying many watches.
 * Responses are written on the call's context only while the transport has room, so a slow client makes its
 * watchers fall behind (and catch up later) instead of filling memory; the call ending removes its watchers.
 */
public final class EtcdWatchService extends WatchGrpcService implements AutoCloseable {

    private final WatchHub hub;

    /** Watches {@code store} with etcd's pacing; responses are split at {@code maxRequestBytes}, as etcd splits them. */
    public EtcdWatchService(MvccStore store, HeaderFactory headers, int maxRequestBytes) {
        this(new WatchHub(store, headers, WatchOptions.defaults(maxRequestBytes)));
    }

    public EtcdWatchService(WatchHub hub) {
        this.hub = hub;
    }

    @Override
    protected void watch(ReadStream<WatchRequest> requests, WriteStream<WatchResponse> responses) {
        Context context = Vertx.currentContext();
        Writer writer = new Writer(context, responses);
        WatchStream stream = hub.openStream(writer::wakeUp);
        writer.stream = stream;
        requests.handler(stream::handle);
        requests.endHandler(ended -> {
            writer.close();
            responses.end();
        });
        requests.exceptionHandler(failure -> writer.close());
        responses.exceptionHandler(failure -> writer.close());
    }

    /** Moves queued responses to the call while it has room; resumes from its drain handler. */
    private static final class Writer {
        private final Context context;
        private final WriteStream<WatchResponse> responses;
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private WatchStream stream;
        private boolean closed;

        Writer(Context context, WriteStream<WatchResponse> responses) {
            this.context = context;
            this.responses = responses;
        }

        void wakeUp() {
            if (scheduled.compareAndSet(false, true)) {
                context.runOnContext(ignored -> {
                    scheduled.set(false);
                    pump();
                });
            }
        }

        void pump() {
            while (!closed && !responses.writeQueueFull()) {
                WatchResponse next = stream.poll();
                if (next == null) {
                    return;
                }
                responses.write(next);
            }
            if (!closed) {
                responses.drainHandler(drained -> pump());
            }
        }

        void close() {
            if (!closed) {
                closed = true;
                stream.close();
            }
        }
    }

    /** Stops the hub's catch-up thread; open streams get no more events. */
    @Override
    public void close() {
        hub.close();
    }
}

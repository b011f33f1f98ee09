package dev.berth.shim.watch;

import dev.berth.shim.storage.ObjectStore;
import dev.berth.shim.storage.RangePage;
import dev.berth.shim.storage.RegistryKeys;
import dev.berth.store.client.WatchHandle;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Opens watches: resourceVersion "" or "0" sends the current objects as ADDED first and continues from the revision
 * they were read at; a resourceVersion N continues after N. Events come from the store's own watch (never polling);
 * bookmarks and the watch's timeout are Vert.x timers.
 */
public final class WatchService {
    private static final String TOO_OLD = "The resourceVersion for the provided watch is too old.";

    private final Vertx vertx;
    private final ObjectStore store;
    /** The watches open now, so that stopping the shim ends them while Vert.x can still write their last bytes. */
    private final Set<WatchStream> open = ConcurrentHashMap.newKeySet();
    private final Duration bookmarkInterval;
    private final Duration defaultTimeout;

    public WatchService(Vertx vertx, ObjectStore store, Duration bookmarkInterval, Duration defaultTimeout) {
        this.vertx = vertx;
        this.store = store;
        this.bookmarkInterval = bookmarkInterval;
        this.defaultTimeout = defaultTimeout;
    }

    /**
     * Starts {@code request}'s watch. Blocks while reading the current objects: call it off the event loop. The
     * client's stream is opened only once they have been read, so a failure to read them can still be answered as
     * a Status.
     */
    public void start(WatchRequest request, Supplier<WatchSink> openSink) {
        String prefix = RegistryKeys.prefix(request.type(), request.namespace());
        String end = ObjectStore.prefixEnd(prefix);
        boolean fromNow = request.afterRevision() == WatchRequest.FROM_NOW;
        RangePage initial = fromNow ? store.range(prefix, end, 0, 0, TOO_OLD) : null;
        long startRevision = fromNow ? initial.revision() + 1 : request.afterRevision() + 1;
        WatchSink sink = openSink.get();
        WatchStream stream = new WatchStream(request.type(), request.selection(), sink, startRevision);
        if (fromNow) {
            initial.items().forEach(stream::added);
        }
        if (request.initialEventsEnd()) {
            stream.initialEventsEnd();
        }
        long timeoutMillis = (request.timeoutSeconds() > 0 ? Duration.ofSeconds(request.timeoutSeconds())
                : defaultTimeout).toMillis();
        long timeoutTimer = vertx.setTimer(timeoutMillis, id -> stream.finish());
        long bookmarkTimer = request.bookmarks()
                ? vertx.setPeriodic(bookmarkInterval.toMillis(), id -> stream.bookmark()) : -1;
        sink.onClientGone(stream::finish);
        WatchHandle handle = store.watch(prefix, end, startRevision, stream);
        open.add(stream);
        stream.attach(handle, () -> {
            open.remove(stream);
            vertx.cancelTimer(timeoutTimer);
            if (bookmarkTimer >= 0) {
                vertx.cancelTimer(bookmarkTimer);
            }
        });
    }

    /** Ends every open watch (its client's stream and its store watch); the shim stops right after. */
    public void endAll() {
        List.copyOf(open).forEach(WatchStream::finish);
    }
}

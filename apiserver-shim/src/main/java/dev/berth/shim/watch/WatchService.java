package dev.berth.shim.watch;

import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.select.Selection;
import dev.berth.shim.storage.ObjectStore;
import dev.berth.shim.storage.RangePage;
import dev.berth.shim.storage.RegistryKeys;
import dev.berth.shim.storage.StoredObject;
import dev.berth.store.client.WatchHandle;
import io.vertx.core.Vertx;
import java.time.Duration;
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
    private final Duration bookmarkInterval;
    private final Duration defaultTimeout;

    public WatchService(Vertx vertx, ObjectStore store, Duration bookmarkInterval, Duration defaultTimeout) {
        this.vertx = vertx;
        this.store = store;
        this.bookmarkInterval = bookmarkInterval;
        this.defaultTimeout = defaultTimeout;
    }

    /**
     * Starts a watch of {@code type} in {@code namespace} ("": all) after {@code afterRevision} (-1: send the
     * current objects first). Blocks while reading the current objects: call it off the event loop. The client's
     * stream is opened only once they have been read, so a failure to read them can still be answered as a Status.
     */
    public void start(ResourceType type, String namespace, Selection selection, long afterRevision,
                      boolean bookmarks, long timeoutSeconds, Supplier<WatchSink> openSink) {
        String prefix = RegistryKeys.prefix(type, namespace);
        String end = ObjectStore.prefixEnd(prefix);
        RangePage initial = afterRevision < 0 ? store.range(prefix, end, 0, 0, TOO_OLD) : null;
        long startRevision = initial == null ? afterRevision + 1 : initial.revision() + 1;
        WatchSink sink = openSink.get();
        WatchStream stream = new WatchStream(type, selection, sink, startRevision);
        if (initial != null) {
            for (StoredObject object : initial.items()) {
                stream.added(object);
            }
        }
        long timeoutMillis = (timeoutSeconds > 0 ? Duration.ofSeconds(timeoutSeconds) : defaultTimeout).toMillis();
        long timeoutTimer = vertx.setTimer(timeoutMillis, id -> stream.finish());
        long bookmarkTimer = bookmarks
                ? vertx.setPeriodic(bookmarkInterval.toMillis(), id -> stream.bookmark()) : -1;
        sink.onClientGone(stream::finish);
        WatchHandle handle = store.watch(prefix, end, startRevision, stream);
        stream.attach(handle, () -> {
            vertx.cancelTimer(timeoutTimer);
            if (bookmarkTimer >= 0) {
                vertx.cancelTimer(bookmarkTimer);
            }
        });
    }
}

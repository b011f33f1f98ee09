package dev.berth.shim.watch;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.json.Json;
import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.select.Selection;
import dev.berth.shim.storage.ObjectStore;
import dev.berth.shim.storage.StoredObject;
import dev.berth.store.client.WatchEnd;
import dev.berth.store.client.WatchHandle;
import dev.berth.store.client.WatchListener;
import dev.berth.store.etcd.mvccpb.Event;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One client's watch: turns the store's key events into Kubernetes watch events for the client's selection
 * (an object entering it arrives as ADDED, leaving it as DELETED), sends bookmarks, and ends the client's stream
 * when the store's watch ends (with a 410 ERROR event when its start has been compacted). Everything it sends goes
 * out under its lock, in revision order.
 */
final class WatchStream implements WatchListener {
    private static final Logger LOG = LoggerFactory.getLogger(WatchStream.class);
    private final ResourceType type;
    private final Selection selection;
    private final WatchSink sink;
    private final long startRevision;
    private long lastRevision;
    private boolean ended;
    private WatchHandle handle;
    private Runnable onEnd = () -> { };

    WatchStream(ResourceType type, Selection selection, WatchSink sink, long startRevision) {
        this.type = type;
        this.selection = selection;
        this.sink = sink;
        this.startRevision = startRevision;
        this.lastRevision = startRevision - 1;
    }

    /** The store's watch feeding this stream, and what to release when it ends. */
    void attach(WatchHandle handle, Runnable onEnd) {
        boolean endedAlready;
        synchronized (this) {
            this.handle = handle;
            this.onEnd = onEnd;
            endedAlready = ended;
        }
        if (endedAlready) {
            release(handle, onEnd);
        }
    }

    synchronized void added(StoredObject object) {
        if (selection.matches(object.object())) {
            send("ADDED", object.object());
        }
    }

    @Override
    public synchronized void onEvents(long headerRevision, List<Event> events) {
        for (Event event : events) {
            long revision = event.getKv().getModRevision();
            try {
                forward(event, revision);
            } catch (RuntimeException e) {
                // A value some other etcd client wrote that is no object: skip it rather than end every watch.
                LOG.warn("skipping the undecodable value of {} at revision {}", event.getKv().getKey().toStringUtf8(),
                        revision, e);
            }
            lastRevision = Math.max(lastRevision, revision);
        }
    }

    private void forward(Event event, long revision) {
        if (event.getType() == Event.EventType.PUT && selection.isEverything()) {
            // The previous value only decides ADDED or MODIFIED here, and whether it exists says that: skip parsing it.
            send(event.hasPrevKv() ? "MODIFIED" : "ADDED", ObjectStore.decode(event.getKv()).object());
            return;
        }
        ObjectNode previous = event.hasPrevKv()
                ? at(ObjectStore.decode(event.getPrevKv()).object(), revision) : null;
        boolean wasSelected = previous != null && selection.matches(previous);
        if (event.getType() == Event.EventType.DELETE) {
            if (wasSelected) {
                send("DELETED", previous);
            }
        } else {
            ObjectNode current = ObjectStore.decode(event.getKv()).object();
            boolean selected = selection.matches(current);
            if (selected) {
                send(wasSelected ? "MODIFIED" : "ADDED", current);
            } else if (wasSelected) {
                send("DELETED", previous);
            }
        }
    }

    @Override
    public synchronized void onProgress(long revision) {
        lastRevision = Math.max(lastRevision, revision);
    }

    @Override
    public void onEnd(WatchEnd end) {
        if (end instanceof WatchEnd.Compacted compacted) {
            ApiException expired = ApiException.expired("too old resource version: " + (startRevision - 1) + " ("
                    + compacted.compactRevision() + ")");
            synchronized (this) {
                send("ERROR", expired.toStatus());
            }
        }
        finish();
    }

    /** A BOOKMARK: every event up to the revision it carries has been sent. */
    synchronized void bookmark() {
        if (lastRevision > 0) {
            send("BOOKMARK", bookmarkObject());
        }
    }

    /** The BOOKMARK that tells a sendInitialEvents client the current objects have all been sent. */
    synchronized void initialEventsEnd() {
        ObjectNode object = bookmarkObject();
        Json.metadata(object).putObject("annotations").put("k8s.io/initial-events-end", "true");
        send("BOOKMARK", object);
    }

    private ObjectNode bookmarkObject() {
        ObjectNode object = Json.object();
        object.put("kind", type.kind());
        object.put("apiVersion", type.apiVersion());
        Json.metadata(object).put("resourceVersion", Long.toString(lastRevision));
        return object;
    }

    /**
     * Ends the client's stream and the store's watch (timeout, client gone, store watch over); idempotent. The
     * store's watch is canceled outside this stream's lock: the store delivers events under its own lock, and
     * taking the two in opposite orders would deadlock.
     */
    void finish() {
        WatchHandle toCancel;
        Runnable toRun;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            sink.end();
            toCancel = handle;
            toRun = onEnd;
        }
        if (toCancel != null) {
            release(toCancel, toRun);
        }
    }

    private static void release(WatchHandle handle, Runnable onEnd) {
        handle.cancel();
        onEnd.run();
    }

    private void send(String eventType, ObjectNode object) {
        if (ended) {
            return;
        }
        ObjectNode event = Json.object();
        event.put("type", eventType);
        event.set("object", object);
        sink.send(event);
    }

    private static ObjectNode at(ObjectNode object, long revision) {
        Json.metadata(object).put("resourceVersion", Long.toString(revision));
        return object;
    }
}

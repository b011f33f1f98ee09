package dev.berth.store.watch;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.mvccpb.Event;
import dev.berth.store.etcd.pb.WatchCreateRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One watch of a stream: which keys, from which revision, with which options, and how far it has been sent.
 * Everything but {@link #pending} is guarded by the hub's lock.
 */
final class Watcher {

    private static final ByteString ALL_FROM_KEY = ByteString.copyFrom(new byte[] {0});

    final WatchStream stream;
    final long id;
    final ByteString key;
    final ByteString rangeEnd;
    final boolean prevKv;
    final boolean progressNotify;
    final boolean fragment;
    private final boolean noPut;
    private final boolean noDelete;
    /** Responses of this watcher queued on its stream and not yet taken by the writer. */
    final AtomicInteger pending = new AtomicInteger();
    long nextRevision;
    boolean synced;
    boolean active = true;
    boolean sentSinceProgress;

    Watcher(WatchStream stream, long id, WatchCreateRequest request, long nextRevision) {
        this.stream = stream;
        this.id = id;
        this.key = request.getKey();
        this.rangeEnd = request.getRangeEnd();
        this.prevKv = request.getPrevKv();
        this.progressNotify = request.getProgressNotify();
        this.fragment = request.getFragment();
        this.noPut = request.getFiltersList().contains(WatchCreateRequest.FilterType.NOPUT);
        this.noDelete = request.getFiltersList().contains(WatchCreateRequest.FilterType.NODELETE);
        this.nextRevision = nextRevision;
    }

    /** Whether the range is empty (etcd refuses such a watch): a range end at or before the key. */
    static boolean isEmptyRange(WatchCreateRequest request) {
        ByteString end = request.getRangeEnd();
        return !end.isEmpty() && !end.equals(ALL_FROM_KEY)
                && ByteString.unsignedLexicographicalComparator().compare(request.getKey(), end) >= 0;
    }

    boolean contains(ByteString candidate) {
        if (rangeEnd.isEmpty()) {
            return key.equals(candidate);
        }
        var order = ByteString.unsignedLexicographicalComparator();
        return order.compare(candidate, key) >= 0
                && (rangeEnd.equals(ALL_FROM_KEY) || order.compare(candidate, rangeEnd) < 0);
    }

    /** The events this watcher wants, from its next revision on, filtered and without prev_kv unless asked. */
    List<Event> select(List<Event> events) {
        List<Event> selected = new ArrayList<>();
        for (Event event : events) {
            if (event.getKv().getModRevision() < nextRevision || !contains(event.getKv().getKey())
                    || (noPut && event.getType() == Event.EventType.PUT)
                    || (noDelete && event.getType() == Event.EventType.DELETE)) {
                continue;
            }
            selected.add(prevKv || !event.hasPrevKv() ? event : event.toBuilder().clearPrevKv().build());
        }
        return selected;
    }
}

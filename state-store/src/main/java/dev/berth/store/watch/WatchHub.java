package dev.berth.store.watch;

import com.google.protobuf.ByteString;
import dev.berth.store.DaemonThreads;
import dev.berth.store.etcd.mvccpb.Event;
import dev.berth.store.etcd.pb.WatchCreateRequest;
import dev.berth.store.etcd.pb.WatchResponse;
import dev.berth.store.mvcc.EtcdError;
import dev.berth.store.mvcc.EventListener;
import dev.berth.store.mvcc.HeaderFactory;
import dev.berth.store.mvcc.MvccException;
import dev.berth.store.mvcc.MvccStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * etcd's watchable store for Berth's MVCC store: watchers that have seen every published revision are synced
 * and get each write's events as it is applied; watchers behind (started at an old revision, or too slow to keep
 * their buffer below {@link WatchOptions#maxPendingResponses()}) are unsynced and catch up from the store's
 * history on the hub's own thread, in batches, until they reach the published revision. The apply thread only
 * takes a short lock and queues responses, so no client ever holds up a write. A catch-up round runs on every sync
 * tick, and also at once when a behind watcher's client has read half its backlog, and again right after a round
 * while watchers are still behind: a watcher that fell behind in a burst of writes does not wait a tick per batch
 * for history that is already stored.
 */
public final class WatchHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WatchHub.class);
    private static final ByteString ALL_KEYS = ByteString.EMPTY;
    private static final ByteString ALL_FROM_KEY = ByteString.copyFrom(new byte[] {0});
    static final String DUPLICATE_ID = "mvcc: duplicate watch ID provided on the WatchStream";
    static final String EMPTY_RANGE = "mvcc: watcher range is empty";

    private final MvccStore store;
    private final HeaderFactory headers;
    private final WatchOptions options;
    private final ScheduledExecutorService executor;
    private final Set<Watcher> synced = new LinkedHashSet<>();
    private final Set<Watcher> unsynced = new LinkedHashSet<>();
    private final Set<WatchStream> streams = new LinkedHashSet<>();
    /** Whether a catch-up round is queued on the executor and not started yet: one is enough. */
    private final AtomicBoolean catchUpQueued = new AtomicBoolean();
    private long publishedRevision;

    /** Starts following {@code store}: installs itself as its event listener and starts its catch-up thread. */
    public WatchHub(MvccStore store, HeaderFactory headers, WatchOptions options) {
        this.store = store;
        this.headers = headers;
        this.options = options;
        this.publishedRevision = store.currentRevision();
        this.executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("berth-watch"));
        store.useEventListener(new EventListener() {
            @Override
            public void written(long revision, List<Event> events) {
                WatchHub.this.written(revision, events);
            }

            @Override
            public void restored(long revision) {
                WatchHub.this.restored(revision);
            }
        });
        long sync = options.syncInterval().toNanos();
        executor.scheduleWithFixedDelay(this::catchUpSafely, sync, sync, TimeUnit.NANOSECONDS);
        long progress = options.progressInterval().toNanos();
        executor.scheduleWithFixedDelay(this::notifyProgress, progress, progress, TimeUnit.NANOSECONDS);
    }

    /** A new stream for one client; {@code wakeup} is called whenever a response is queued on it. */
    public synchronized WatchStream openStream(Runnable wakeup) {
        WatchStream stream = new WatchStream(this, wakeup);
        streams.add(stream);
        return stream;
    }

    /** How many watchers are synced and unsynced, for tests and metrics. */
    public synchronized Counts counts() {
        return new Counts(synced.size(), unsynced.size());
    }

    /** Sizes of the two watcher groups. */
    public record Counts(int synced, int unsynced) {
    }

    @Override
    public void close() {
        store.useEventListener(EventListener.NONE);
        executor.shutdownNow();
    }

    synchronized void create(WatchStream stream, WatchCreateRequest request) {
        if (stream.closed) {
            return;
        }
        long current = store.currentRevision();
        String refusal = null;
        long id = request.getWatchId();
        if (Watcher.isEmptyRange(request)) {
            refusal = EMPTY_RANGE;
        } else if (id != 0 && stream.watchers.containsKey(id)) {
            refusal = DUPLICATE_ID;
        }
        if (refusal != null) {
            stream.send(WatchResponse.newBuilder().setHeader(headers.header(current)).setWatchId(-1)
                    .setCreated(true).setCanceled(true).setCancelReason(refusal).build(), null);
            return;
        }
        if (id == 0) {
            while (stream.watchers.containsKey(stream.nextId)) {
                stream.nextId++;
            }
            id = stream.nextId++;
        }
        long start = request.getStartRevision() > 0 ? request.getStartRevision() : current + 1;
        Watcher watcher = new Watcher(stream, id, request, start);
        stream.watchers.put(id, watcher);
        stream.send(WatchResponse.newBuilder().setHeader(headers.header(current)).setWatchId(id).setCreated(true)
                .build(), null);
        if (start > publishedRevision) {
            watcher.synced = true;
            synced.add(watcher);
        } else {
            unsynced.add(watcher);
            requestCatchUp();
        }
    }

    synchronized void cancel(WatchStream stream, long id) {
        Watcher watcher = stream.watchers.get(id);
        if (watcher == null || stream.closed) {
            return;
        }
        remove(watcher);
        stream.send(WatchResponse.newBuilder().setHeader(headers.header(store.currentRevision())).setWatchId(id)
                .setCanceled(true).build(), null);
    }

    /** etcd's RequestProgress: a header with the published revision once every watcher of the stream is synced. */
    synchronized void requestProgress(WatchStream stream) {
        stream.progressRequested = true;
        answerProgress(stream);
    }

    synchronized void close(WatchStream stream) {
        stream.closed = true;
        for (Watcher watcher : List.copyOf(stream.watchers.values())) {
            remove(watcher);
        }
        streams.remove(stream);
    }

    /** The store's listener: runs on the apply thread, so it only queues responses. */
    private synchronized void written(long revision, List<Event> events) {
        publishedRevision = revision;
        List<Watcher> slow = new ArrayList<>();
        for (Watcher watcher : synced) {
            if (revision < watcher.nextRevision) {
                continue;
            }
            List<Event> selected = watcher.select(events);
            if (!selected.isEmpty() && watcher.pending.get() >= options.maxPendingResponses()) {
                slow.add(watcher);
                continue;
            }
            if (!selected.isEmpty()) {
                sendEvents(watcher, revision, selected);
            }
            watcher.nextRevision = revision + 1;
        }
        for (Watcher watcher : slow) {
            synced.remove(watcher);
            watcher.synced = false;
            unsynced.add(watcher);
            LOG.debug("watch {} is behind at revision {}: moved to the unsynced group", watcher.id, revision);
        }
    }

    /**
     * The store jumped to a leader's snapshot: every synced watcher missed the revisions in between, so all of them
     * catch up from the restored history (as etcd's watchable store moves them to unsynced on restore).
     */
    private synchronized void restored(long revision) {
        publishedRevision = revision;
        for (Watcher watcher : synced) {
            watcher.synced = false;
            unsynced.add(watcher);
        }
        synced.clear();
        requestCatchUp();
    }

    /**
     * A watcher's client took a response off its stream, leaving {@code remaining} of its responses queued: when that
     * is half the most a watcher may have queued, a watcher that fell behind for being slow has room again.
     */
    void backlogShrank(int remaining) {
        if (remaining == options.maxPendingResponses() / 2) {
            requestCatchUp();
        }
    }

    /** Queues a catch-up round on the hub's thread unless one is queued already. */
    private void requestCatchUp() {
        if (catchUpQueued.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    catchUpQueued.set(false);
                    catchUpSafely();
                });
            } catch (RejectedExecutionException closed) {
                catchUpQueued.set(false);
            }
        }
    }

    private void catchUpSafely() {
        try {
            if (catchUp()) {
                requestCatchUp();
            }
        } catch (RuntimeException e) {
            LOG.warn("watch catch-up round failed; the next round retries", e);
        }
    }

    /**
     * One catch-up round: reads one batch of history for the unsynced watchers that have room in their buffer.
     *
     * @return whether watchers are still behind after a round that moved some of them on, so another round may run now
     */
    private boolean catchUp() {
        List<Watcher> ready;
        long from;
        long upTo;
        synchronized (this) {
            ready = new ArrayList<>();
            for (Watcher watcher : unsynced) {
                if (watcher.pending.get() < options.maxPendingResponses()) {
                    ready.add(watcher);
                }
            }
            if (ready.isEmpty()) {
                return false;
            }
            from = ready.stream().mapToLong(w -> w.nextRevision).min().orElseThrow();
            upTo = publishedRevision;
        }
        long to = Math.min(upTo, from + options.batchRevisions() - 1);
        List<Event> events;
        try {
            events = from > to ? List.of() : store.events(ALL_KEYS, ALL_FROM_KEY, from, to);
        } catch (MvccException e) {
            if (e.error() != EtcdError.COMPACTED) {
                throw e;
            }
            cancelCompacted(ready);
            return true;
        }
        synchronized (this) {
            long header = store.currentRevision();
            for (Watcher watcher : ready) {
                if (!watcher.active || watcher.synced) {
                    continue;
                }
                if (watcher.nextRevision <= to) {
                    List<Event> selected = watcher.select(events);
                    if (!selected.isEmpty()) {
                        sendEvents(watcher, header, selected);
                    }
                    watcher.nextRevision = to + 1;
                }
                if (watcher.nextRevision > publishedRevision) {
                    unsynced.remove(watcher);
                    watcher.synced = true;
                    synced.add(watcher);
                }
            }
            for (WatchStream stream : streams) {
                answerProgress(stream);
            }
            return !unsynced.isEmpty();
        }
    }

    private synchronized void cancelCompacted(List<Watcher> ready) {
        long compacted = store.compactRevision();
        for (Watcher watcher : ready) {
            if (watcher.active && !watcher.synced && watcher.nextRevision < compacted) {
                remove(watcher);
                watcher.stream.send(WatchResponse.newBuilder().setHeader(headers.header(0)).setWatchId(watcher.id)
                        .setCanceled(true).setCompactRevision(compacted).build(), null);
            }
        }
    }

    /** etcd's progress notifications: synced watchers that asked for them and got nothing since the last tick. */
    private synchronized void notifyProgress() {
        for (Watcher watcher : synced) {
            if (watcher.progressNotify && !watcher.sentSinceProgress
                    && watcher.pending.get() < options.maxPendingResponses()) {
                watcher.stream.send(WatchResponse.newBuilder().setHeader(headers.header(publishedRevision))
                        .setWatchId(watcher.id).build(), watcher);
            }
            watcher.sentSinceProgress = false;
        }
    }

    private void answerProgress(WatchStream stream) {
        if (!stream.progressRequested || stream.closed) {
            return;
        }
        for (Watcher watcher : stream.watchers.values()) {
            if (!watcher.synced) {
                return;
            }
        }
        stream.progressRequested = false;
        stream.send(WatchResponse.newBuilder().setHeader(headers.header(publishedRevision)).setWatchId(-1).build(),
                null);
    }

    private void sendEvents(Watcher watcher, long headerRevision, List<Event> events) {
        WatchResponse response = WatchResponse.newBuilder().setHeader(headers.header(headerRevision))
                .setWatchId(watcher.id).addAllEvents(events).build();
        for (WatchResponse part : Fragments.split(response, watcher.fragment, options.maxResponseBytes())) {
            watcher.stream.send(part, watcher);
        }
        watcher.sentSinceProgress = true;
    }

    private void remove(Watcher watcher) {
        watcher.active = false;
        synced.remove(watcher);
        unsynced.remove(watcher);
        watcher.stream.watchers.remove(watcher.id);
    }
}

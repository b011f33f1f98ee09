package dev.berth.store.client;

import dev.berth.store.etcd.mvccpb.Event;
import dev.berth.store.etcd.pb.WatchCreateRequest;
import dev.berth.store.etcd.pb.WatchResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one watch's responses into listener calls and remembers how far it got, so that a watch re-created
 * elsewhere starts at the first revision not yet delivered: nothing lost, nothing repeated. Not thread-safe: its
 * owner calls it under one lock.
 */
final class WatchDecoder {
    private final WatchCreateRequest request;
    private final WatchListener listener;
    private final List<Event> fragments = new ArrayList<>();
    /** The first revision not yet delivered; 0 until the store has said where a "from now" watch starts. */
    private long nextRevision;
    private boolean ended;

    WatchDecoder(WatchCreateRequest request, WatchListener listener) {
        this.request = request;
        this.listener = listener;
        this.nextRevision = request.getStartRevision();
    }

    /** Reports one response; returns whether the watch has ended. */
    boolean handle(WatchResponse response) {
        if (ended) {
            return true;
        }
        long revision = response.getHeader().getRevision();
        if (response.getCanceled()) {
            end(response.getCompactRevision() > 0 ? new WatchEnd.Compacted(response.getCompactRevision())
                    : new WatchEnd.Canceled(response.getCancelReason()));
            return true;
        }
        if (response.getCreated()) {
            // A watch from "now" starts after the revision the store had when it created the watch.
            nextRevision = nextRevision == 0 ? revision + 1 : nextRevision;
            return false;
        }
        fragments.addAll(response.getEventsList());
        if (response.getFragment()) {
            return false;
        }
        if (fragments.isEmpty()) {
            nextRevision = Math.max(nextRevision, revision + 1);
            listener.onProgress(revision);
            return false;
        }
        List<Event> batch = List.copyOf(fragments);
        fragments.clear();
        nextRevision = batch.get(batch.size() - 1).getKv().getModRevision() + 1;
        listener.onEvents(revision, batch);
        return false;
    }

    /**
     * The create request that resumes the watch after a lost stream; the part of a fragmented response received
     * before the loss is dropped, as it will be sent again whole.
     */
    WatchCreateRequest resumption() {
        fragments.clear();
        return request.toBuilder().setStartRevision(nextRevision).build();
    }

    /** Ends the watch with {@code end} unless it has ended already. */
    void end(WatchEnd end) {
        if (!ended) {
            ended = true;
            listener.onEnd(end);
        }
    }

    boolean ended() {
        return ended;
    }
}

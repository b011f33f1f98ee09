package dev.berth.store.client;

import dev.berth.store.etcd.mvccpb.Event;
import java.util.List;

/**
 * What a watch reports, on one thread at a time and in revision order. Callbacks run on a client thread (an event
 * loop for the remote client) and must return quickly: hand work elsewhere rather than block.
 */
public interface WatchListener {

    /**
     * Events of one or more whole revisions, oldest first, each with the previous value if the watch asked for
     * prev_kv; {@code headerRevision} is the store revision when they were sent. A fragmented response is delivered
     * once, joined.
     */
    void onEvents(long headerRevision, List<Event> events);

    /** Every event up to {@code revision} has been delivered (etcd's progress notification). */
    void onProgress(long revision);

    /** The watch ended; called once, last. */
    void onEnd(WatchEnd end);
}

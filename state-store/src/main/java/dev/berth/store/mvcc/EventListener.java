package dev.berth.store.mvcc;

import dev.berth.store.etcd.mvccpb.Event;
import java.util.List;

/**
 * Receives the changes of each applied write transaction, so that etcd's Watch can follow the store without
 * polling it. Called on the apply (Raft) thread after the store's locks are released: it must return at once and
 * never block, or every write of the member waits.
 */
@FunctionalInterface
public interface EventListener {

    /** Ignores every change. */
    EventListener NONE = (revision, events) -> { };

    /**
     * @param revision the store revision the transaction wrote
     * @param events its changes in the order written, each with the key's previous value when there was one
     */
    void written(long revision, List<Event> events);

    /**
     * The whole state was replaced by a snapshot whose current revision is {@code revision} (a follower that fell
     * behind the leader's log): the writes in between were never announced, so a listener must read them from the
     * store's history. Called after the store's locks are released.
     */
    default void restored(long revision) {
    }
}

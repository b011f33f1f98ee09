package dev.berth.store.transport;

/**
 * Told when a message to a peer may have been lost, so Raft can stop optimistic replication to it and
 * probe instead (etcd's {@code ReportUnreachable}). It is a hint, not a verdict: the transport keeps
 * reconnecting on its own.
 */
@FunctionalInterface
public interface UnreachableListener {

    /**
     * Called on the transport's event loop, never inside {@link PeerTransport#send}; reports for the same
     * peer that arrive before this call are coalesced into it. Must not block.
     */
    void onUnreachable(long peerId);
}

package dev.berth.store.transport;

/**
 * What the transport has done for one peer since it started: a cheap snapshot for tests and metrics.
 *
 * @param peerId         the Raft id of the peer
 * @param sent           messages handed to the peer's connection
 * @param dropped        messages to the peer that were discarded (queue full, unknown or removed peer,
 *                       oversized, or still queued when the peer was removed or the transport closed)
 * @param received       messages received whose {@code from} is the peer
 * @param queuedMessages messages waiting for the peer right now
 * @param queuedBytes    bytes of frames waiting for the peer right now
 */
public record PeerStats(long peerId, long sent, long dropped, long received, int queuedMessages, long queuedBytes) {
}

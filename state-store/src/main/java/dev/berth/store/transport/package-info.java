/**
 * How Raft peers reach each other: {@link dev.berth.store.transport.PeerTransport} sends
 * {@code berth.raft.Message}s over plain TCP, one outbound connection per peer, each message framed as a
 * 4-byte big-endian length followed by its protobuf bytes. Delivery is best effort, as Raft expects: a
 * message that cannot be queued is dropped and the peer reported unreachable, and Raft retransmits. Snapshots
 * travel in pieces between the other messages and are joined again on arrival.
 */
package dev.berth.store.transport;

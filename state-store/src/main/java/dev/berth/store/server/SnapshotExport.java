package dev.berth.store.server;

import com.google.protobuf.ByteString;

/**
 * A state machine's state captured at one applied index, to be encoded for a Raft snapshot on another thread while
 * the member keeps applying commands: capturing is cheap, encoding (every stored value) is not, and doing it on the
 * member thread would stall every write behind it.
 */
public interface SnapshotExport extends AutoCloseable {

    /** The captured state's bytes, as {@link StateMachine#restore} takes them. Called at most once, on any thread. */
    ByteString encode();

    /** Releases what the capture holds on to; called on the member thread once encoding is over or abandoned. */
    @Override
    default void close() {
    }
}

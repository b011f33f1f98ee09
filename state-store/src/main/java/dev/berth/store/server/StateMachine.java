package dev.berth.store.server;

import com.google.protobuf.ByteString;

/**
 * What a store member replicates: commands applied in log order, identically on every member. Called
 * from the member's Raft thread or its apply thread, never both at once (the Raft thread waits for every batch it
 * hands to the apply thread), except {@link SnapshotExport#writeTo}.
 */
public interface StateMachine {
    /**
     * Applies the committed command at {@code index} and returns the proposer's answer. Must be
     * deterministic (no clocks, no randomness): every member applies the same commands in the same order
     * and must reach the same state.
     */
    Object apply(long index, ByteString command);

    /** The whole state as of the last applied command, for a Raft snapshot. */
    ByteString snapshot();

    /**
     * The state as of the last applied command, captured now and encoded later on another thread (see
     * {@link SnapshotExport}). The default encodes at once; a state machine whose snapshot is large captures a
     * cheap, consistent view instead.
     */
    default SnapshotExport exportSnapshot() {
        ByteString state = snapshot();
        return state::writeTo;
    }

    /** Replaces the state with a snapshot taken at {@code index} (by {@link #snapshot()}, on any member). */
    void restore(long index, ByteString snapshot);

    /**
     * The index of the last command applied to state that survived a restart (0 for state held only in
     * memory). The member then skips the snapshot and the entries up to it instead of re-applying them;
     * a state machine must answer 0 unless it has verified that its state is exactly that of this index.
     */
    default long recoveredIndex() {
        return 0;
    }
}

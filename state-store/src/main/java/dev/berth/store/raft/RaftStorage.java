package dev.berth.store.raft;

import dev.berth.store.raft.pb.ConfState;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.HardState;
import dev.berth.store.raft.pb.Snapshot;
import java.util.List;

/**
 * The stable part of the Raft log as the core sees it: entries and a snapshot that are already durable.
 * The core moves entries here itself in {@link RaftNode#advance(Ready)}, after the owner has persisted
 * them; the owner creates snapshots and compacts.
 *
 * <p>Positions below {@link #firstIndex()} throw {@link StorageException} with {@code COMPACTED}, positions
 * above {@link #lastIndex()} with {@code UNAVAILABLE}.
 */
public interface RaftStorage {
    HardState hardState();

    ConfState confState();

    /** Entries in {@code [lo, hi)}, at least one if any, then as many as fit in {@code maxBytes}. */
    List<Entry> entries(long lo, long hi, long maxBytes);

    /** The term of entry {@code index}; {@code firstIndex() - 1} answers with the snapshot's term. */
    long term(long index);

    long firstIndex();

    long lastIndex();

    Snapshot snapshot();

    void setHardState(HardState hardState);

    /** Appends entries, replacing any existing entries from the first one's index on. */
    void append(List<Entry> entries);

    /** Replaces the whole log with a snapshot received from the leader. */
    void applySnapshot(Snapshot snapshot);
}

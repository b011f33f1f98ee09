package dev.berth.store.raft;

import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Entries and a snapshot the core has accepted but the owner has not yet persisted. {@code offset} is
 * the index of {@code entries.get(0)}; a pending snapshot, when present, comes before them.
 */
final class UnstableLog {
    private Snapshot snapshot;
    private ArrayList<Entry> entries = new ArrayList<>();
    private long offset;

    UnstableLog(long offset) {
        this.offset = offset;
    }

    /** The first index if a snapshot is pending, otherwise -1 (ask the storage). */
    long maybeFirstIndex() {
        return snapshot != null ? snapshot.getMetadata().getIndex() + 1 : -1;
    }

    /** The last index held here, or -1 (ask the storage). */
    long maybeLastIndex() {
        if (!entries.isEmpty()) {
            return offset + entries.size() - 1;
        }
        return snapshot != null ? snapshot.getMetadata().getIndex() : -1;
    }

    /** The term of {@code index} if known here, or -1. */
    long maybeTerm(long index) {
        if (index < offset) {
            if (snapshot != null && snapshot.getMetadata().getIndex() == index) {
                return snapshot.getMetadata().getTerm();
            }
            return -1;
        }
        long last = maybeLastIndex();
        if (last < 0 || index > last) {
            return -1;
        }
        return entries.get((int) (index - offset)).getTerm();
    }

    /** Entries up to {@code index} (of term {@code term}) are now durable. */
    void stableTo(long index, long term) {
        long t = maybeTerm(index);
        if (t != term || index < offset) {
            return;
        }
        int cut = (int) (index + 1 - offset);
        entries = new ArrayList<>(entries.subList(cut, entries.size()));
        offset = index + 1;
    }

    void stableSnapshotTo(long index) {
        if (snapshot != null && snapshot.getMetadata().getIndex() == index) {
            snapshot = null;
        }
    }

    void restore(Snapshot incoming) {
        offset = incoming.getMetadata().getIndex() + 1;
        entries = new ArrayList<>();
        snapshot = incoming;
    }

    void truncateAndAppend(List<Entry> incoming) {
        long after = incoming.get(0).getIndex();
        if (after == offset + entries.size()) {
            entries.addAll(incoming);
        } else if (after <= offset) {
            offset = after;
            entries = new ArrayList<>(incoming);
        } else {
            ArrayList<Entry> kept = new ArrayList<>(entries.subList(0, (int) (after - offset)));
            kept.addAll(incoming);
            entries = kept;
        }
    }

    /** Entries in {@code [lo, hi)}, which must lie within this unstable part. */
    List<Entry> slice(long lo, long hi) {
        if (lo > hi || lo < offset || hi > offset + entries.size()) {
            throw new IllegalStateException("unstable slice [" + lo + "," + hi + ") out of [" + offset + ","
                    + (offset + entries.size()) + ")");
        }
        return entries.subList((int) (lo - offset), (int) (hi - offset));
    }

    long offset() {
        return offset;
    }

    List<Entry> entries() {
        return entries;
    }

    Snapshot snapshot() {
        return snapshot;
    }
}

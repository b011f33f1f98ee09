package dev.berth.store.raft;

import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole log as the core sees it: the stable part in {@link RaftStorage} followed by the unstable
 * part not yet persisted, plus the commit and apply positions.
 */
final class RaftLog {
    private final RaftStorage storage;
    private final UnstableLog unstable;
    private long committed;
    private long applied;

    RaftLog(RaftStorage storage) {
        this.storage = storage;
        long first = storage.firstIndex();
        this.unstable = new UnstableLog(storage.lastIndex() + 1);
        this.committed = first - 1;
        this.applied = first - 1;
    }

    long committed() {
        return committed;
    }

    long applied() {
        return applied;
    }

    long firstIndex() {
        long i = unstable.maybeFirstIndex();
        return i >= 0 ? i : storage.firstIndex();
    }

    long lastIndex() {
        long i = unstable.maybeLastIndex();
        return i >= 0 ? i : storage.lastIndex();
    }

    long lastTerm() {
        return termOrZero(lastIndex());
    }

    /**
     * The term of entry {@code index}; 0 for index 0 and for positions outside the log, which never
     * match a real term. Use {@link #term(long)} where a compacted position must be told apart.
     */
    long termOrZero(long index) {
        try {
            return term(index);
        } catch (StorageException e) {
            return 0;
        }
    }

    long term(long index) {
        long dummyIndex = firstIndex() - 1;
        if (index < dummyIndex) {
            throw new StorageException(StorageException.Reason.COMPACTED, "entry " + index + " is compacted");
        }
        if (index > lastIndex()) {
            throw new StorageException(StorageException.Reason.UNAVAILABLE, "entry " + index + " is not in the log");
        }
        long t = unstable.maybeTerm(index);
        return t >= 0 ? t : storage.term(index);
    }

    boolean matchTerm(long index, long term) {
        return termOrZero(index) == term && (index == 0 || index <= lastIndex() && index >= firstIndex() - 1);
    }

    /** Whether a candidate whose log ends at ({@code lastIndex}, {@code lastTerm}) is at least as up to date. */
    boolean isUpToDate(long lastIndex, long lastTerm) {
        long myTerm = lastTerm();
        return lastTerm > myTerm || (lastTerm == myTerm && lastIndex >= lastIndex());
    }

    /** Appends entries after the leader's; returns the last index, or -1 if the previous entry does not match. */
    long maybeAppend(long index, long logTerm, long leaderCommit, List<Entry> entries) {
        if (!matchTerm(index, logTerm)) {
            return -1;
        }
        long lastNew = index + entries.size();
        long conflict = findConflict(entries);
        if (conflict != 0) {
            if (conflict <= committed) {
                throw new IllegalStateException("entry " + conflict + " conflicts with committed entry (committed "
                        + committed + ")");
            }
            append(entries.subList((int) (conflict - (index + 1)), entries.size()));
        }
        commitTo(Math.min(leaderCommit, lastNew));
        return lastNew;
    }

    long append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return lastIndex();
        }
        long after = entries.get(0).getIndex() - 1;
        if (after < committed) {
            throw new IllegalStateException("append after " + after + " would overwrite committed " + committed);
        }
        unstable.truncateAndAppend(entries);
        return lastIndex();
    }

    /** The index of the first entry whose term differs from ours, or 0 if all match (new ones may follow). */
    private long findConflict(List<Entry> entries) {
        for (Entry e : entries) {
            if (!matchTerm(e.getIndex(), e.getTerm())) {
                return e.getIndex();
            }
        }
        return 0;
    }

    /**
     * The largest index at or below {@code index} whose term is at most {@code term}: where a leader whose
     * entry at that position has {@code term} can resume probing, skipping a whole term per round trip.
     */
    long findConflictByTerm(long index, long term) {
        if (index > lastIndex()) {
            return index;
        }
        while (index > 0) {
            long t;
            try {
                t = term(index);
            } catch (StorageException e) {
                break;
            }
            if (t <= term) {
                break;
            }
            index--;
        }
        return index;
    }

    void commitTo(long toCommit) {
        if (committed < toCommit) {
            if (lastIndex() < toCommit) {
                throw new IllegalStateException("commit " + toCommit + " is past the last index " + lastIndex());
            }
            committed = toCommit;
        }
    }

    /** Commits up to {@code maxIndex} if that entry is of {@code term}: Raft commits only current-term entries by counting. */
    boolean maybeCommit(long maxIndex, long term) {
        if (maxIndex > committed && termOrZero(maxIndex) == term) {
            commitTo(maxIndex);
            return true;
        }
        return false;
    }

    void appliedTo(long index) {
        if (index == 0) {
            return;
        }
        if (committed < index || index < applied) {
            throw new IllegalStateException("applied " + index + " out of range [" + applied + "," + committed + "]");
        }
        applied = index;
    }

    /** Entries in {@code [lo, hi)} within {@code maxBytes} (at least one), from storage and unstable. */
    List<Entry> slice(long lo, long hi, long maxBytes) {
        if (lo == hi) {
            return List.of();
        }
        long first = firstIndex();
        if (lo < first) {
            throw new StorageException(StorageException.Reason.COMPACTED, "entry " + lo + " is compacted");
        }
        if (hi > lastIndex() + 1) {
            throw new IllegalStateException("slice [" + lo + "," + hi + ") past the last index " + lastIndex());
        }
        List<Entry> result = new ArrayList<>();
        long unstableOffset = unstable.offset();
        if (lo < unstableOffset) {
            List<Entry> stored = storage.entries(lo, Math.min(hi, unstableOffset), maxBytes);
            if (stored.size() < Math.min(hi, unstableOffset) - lo) {
                return stored;
            }
            result.addAll(stored);
        }
        if (hi > unstableOffset) {
            result.addAll(unstable.slice(Math.max(lo, unstableOffset), hi));
        }
        return Entries.limitSize(result, maxBytes);
    }

    List<Entry> entriesFrom(long index, long maxBytes) {
        if (index > lastIndex()) {
            return List.of();
        }
        return slice(index, lastIndex() + 1, maxBytes);
    }

    /** Committed entries not yet handed out for applying. */
    List<Entry> nextCommittedEntries(long maxBytes) {
        long lo = Math.max(applied + 1, firstIndex());
        if (committed + 1 > lo) {
            return slice(lo, committed + 1, maxBytes);
        }
        return List.of();
    }

    boolean hasNextCommittedEntries() {
        return committed + 1 > Math.max(applied + 1, firstIndex());
    }

    List<Entry> unstableEntries() {
        return unstable.entries();
    }

    long unstableOffset() {
        return unstable.offset();
    }

    Snapshot unstableSnapshot() {
        return unstable.snapshot();
    }

    Snapshot snapshot() {
        Snapshot pending = unstable.snapshot();
        return pending != null ? pending : storage.snapshot();
    }

    void stableTo(long index, long term) {
        unstable.stableTo(index, term);
    }

    void stableSnapshotTo(long index) {
        unstable.stableSnapshotTo(index);
    }

    /** Replaces the log with a snapshot from the leader; everything up to it counts as committed. */
    void restore(Snapshot snapshot) {
        committed = snapshot.getMetadata().getIndex();
        unstable.restore(snapshot);
    }

    RaftStorage storage() {
        return storage;
    }
}

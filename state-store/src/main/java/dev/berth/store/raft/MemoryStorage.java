package dev.berth.store.raft;

import dev.berth.store.raft.pb.ConfState;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.HardState;
import dev.berth.store.raft.pb.Snapshot;
import dev.berth.store.raft.pb.SnapshotMetadata;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stable log kept in memory, filled from the WAL on restart: the newest entries as objects, older ones
 * serialized outside the Java heap ({@link OffHeapEntries}), because they are read again only for a follower that
 * fell behind and would otherwise cost every young collection a copy. The index and term of the entry before the
 * first one held (the last snapshot's, or the compaction point's) answer {@code term(firstIndex - 1)}.
 *
 * <p>Snapshots are kept whole, unless the storage reads them from a {@link SnapshotSource}: then only their
 * metadata stays here and {@link #snapshot()} reads the data back, for the leader to send a lagging follower.
 *
 * <p>Synchronized: the core calls it from the node's thread, while the owner may compact it or create
 * snapshots from another.
 */
public final class MemoryStorage implements RaftStorage {
    /**
     * Entries kept as objects at the end of the log, at least: a leader sends its newest entries as soon as they are
     * stable and a follower checks the term of the entry before each append, so these are read all the time. 1,000
     * entries are a tenth of a second of writes at 10,000 a second, long enough that only a follower that stopped
     * (a pause, a restart) reads from the older part.
     */
    static final int DEFAULT_RECENT_ENTRIES = 1_000;

    private final SnapshotSource source;
    private final int recentEntries;
    /**
     * The snapshot last read back from the source, while it is still the current one: a leader sends it again for
     * every probe of a follower it has not reached, and reading and checking the file each time would repeat that
     * work for every probe. Cheap to keep because the source's data is a view of its file ({@link SnapshotSource}).
     */
    private Snapshot lastRead;
    private HardState hardState = HardState.getDefaultInstance();
    private Snapshot snapshot = Snapshot.getDefaultInstance();
    /** The entry before the first one held: the last snapshot's or compaction's. */
    private long baseIndex;
    private long baseTerm;
    /** Entries {@code baseIndex + 1} on, up to the first of {@link #recent}. */
    private final OffHeapEntries older;
    /** The newest entries, after those in {@link #older}. */
    private final ArrayList<Entry> recent = new ArrayList<>();

    /** A storage that keeps its snapshots' data in memory. */
    public MemoryStorage() {
        this(null);
    }

    private MemoryStorage(SnapshotSource source) {
        this(source, DEFAULT_RECENT_ENTRIES, new OffHeapEntries());
    }

    /**
     * @param recentEntries entries kept as objects at the end of the log; once twice as many are, the older half
     *     moves off the heap (0 moves every entry at once)
     */
    MemoryStorage(SnapshotSource source, int recentEntries, OffHeapEntries older) {
        if (recentEntries < 0) {
            throw new IllegalArgumentException("recentEntries must not be negative, got " + recentEntries);
        }
        this.source = source;
        this.recentEntries = recentEntries;
        this.older = older;
    }

    /**
     * A storage that keeps only its snapshots' metadata and reads their data from {@code source}: every snapshot
     * handed to it must be saved there first.
     */
    public static MemoryStorage readingSnapshotsFrom(SnapshotSource source) {
        return new MemoryStorage(source);
    }

    /** An empty log for a node that starts with the given configuration. */
    public static MemoryStorage withConfState(ConfState confState) {
        MemoryStorage storage = new MemoryStorage();
        storage.snapshot = Snapshot.newBuilder()
                .setMetadata(SnapshotMetadata.newBuilder().setConfState(confState))
                .build();
        return storage;
    }

    @Override
    public synchronized HardState hardState() {
        return hardState;
    }

    @Override
    public synchronized ConfState confState() {
        return snapshot.getMetadata().getConfState();
    }

    @Override
    public synchronized void setHardState(HardState hardState) {
        this.hardState = hardState;
    }

    @Override
    public synchronized List<Entry> entries(long lo, long hi, long maxBytes) {
        if (lo <= baseIndex) {
            throw new StorageException(StorageException.Reason.COMPACTED, "entry " + lo + " is compacted");
        }
        if (hi > lastIndexLocked() + 1) {
            throw new StorageException(StorageException.Reason.UNAVAILABLE,
                    "entries up to " + hi + " requested, last is " + lastIndexLocked());
        }
        // Entries.limitSize's rule (at least one entry, then as many as fit) over both parts of the log; an older
        // entry is measured from its header and parsed only once it is taken.
        long recentStart = recentStart();
        List<Entry> found = new ArrayList<>();
        long bytes = 0;
        for (long i = lo; i < hi; i++) {
            Entry held = i < recentStart ? null : recent.get((int) (i - recentStart));
            bytes += held == null ? older.serializedSize(i) : held.getSerializedSize();
            if (bytes > maxBytes && !found.isEmpty()) {
                break;
            }
            found.add(held == null ? older.get(i) : held);
        }
        return found;
    }

    @Override
    public synchronized long term(long index) {
        return termLocked(index);
    }

    private long termLocked(long index) {
        if (index < baseIndex) {
            throw new StorageException(StorageException.Reason.COMPACTED, "entry " + index + " is compacted");
        }
        if (index > lastIndexLocked()) {
            throw new StorageException(StorageException.Reason.UNAVAILABLE, "entry " + index + " is not written");
        }
        if (index == baseIndex) {
            return baseTerm;
        }
        long recentStart = recentStart();
        return index < recentStart ? older.term(index) : recent.get((int) (index - recentStart)).getTerm();
    }

    @Override
    public synchronized long firstIndex() {
        return baseIndex + 1;
    }

    @Override
    public synchronized long lastIndex() {
        return lastIndexLocked();
    }

    private long lastIndexLocked() {
        return baseIndex + older.size() + recent.size();
    }

    /** The index of the first entry in {@link #recent}. */
    private long recentStart() {
        return baseIndex + older.size() + 1;
    }

    /**
     * The snapshot with its data; read from the {@link SnapshotSource} if there is one.
     *
     * @throws StorageException with {@code SNAPSHOT_TEMPORARILY_UNAVAILABLE} if it cannot be read back
     */
    @Override
    public Snapshot snapshot() {
        Snapshot kept;
        Snapshot read;
        synchronized (this) {
            kept = snapshot;
            read = lastRead;
        }
        if (source == null || kept.getMetadata().getIndex() == 0) {
            return kept;
        }
        if (read != null && read.getMetadata().equals(kept.getMetadata())) {
            return read;
        }
        try {
            Snapshot whole = kept.toBuilder().setData(source.load(kept.getMetadata())).build();
            synchronized (this) {
                if (snapshot == kept) {
                    lastRead = whole;
                }
            }
            return whole;
        } catch (IOException e) {
            throw new StorageException(StorageException.Reason.SNAPSHOT_TEMPORARILY_UNAVAILABLE, "the snapshot at index "
                    + kept.getMetadata().getIndex() + " cannot be read back: " + e);
        }
    }

    /** The snapshot's metadata, without reading its data. */
    public synchronized SnapshotMetadata snapshotMetadata() {
        return snapshot.getMetadata();
    }

    /** What is kept of a snapshot: without its data when the source has it. */
    private Snapshot kept(Snapshot whole) {
        return source == null ? whole : whole.toBuilder().clearData().build();
    }

    @Override
    public synchronized void applySnapshot(Snapshot incoming) {
        if (incoming.getMetadata().getIndex() < snapshot.getMetadata().getIndex()) {
            throw new StorageException(StorageException.Reason.SNAPSHOT_OUT_OF_DATE,
                    "snapshot at " + incoming.getMetadata().getIndex() + " is older than the stored one at "
                            + snapshot.getMetadata().getIndex());
        }
        snapshot = kept(incoming);
        lastRead = null;
        older.clear();
        recent.clear();
        baseIndex = incoming.getMetadata().getIndex();
        baseTerm = incoming.getMetadata().getTerm();
    }

    /**
     * Records a snapshot of the applied state at {@code index} (which must be in the log) so lagging
     * followers can be sent it; does not drop entries, see {@link #compact(long)}.
     */
    public synchronized Snapshot createSnapshot(long index, ConfState confState, ByteString data) {
        if (index <= snapshot.getMetadata().getIndex()) {
            throw new StorageException(StorageException.Reason.SNAPSHOT_OUT_OF_DATE,
                    "a snapshot at " + snapshot.getMetadata().getIndex() + " already covers " + index);
        }
        if (index > lastIndexLocked()) {
            throw new IllegalArgumentException("snapshot index " + index + " is past the last entry " + lastIndexLocked());
        }
        Snapshot created = Snapshot.newBuilder()
                .setMetadata(SnapshotMetadata.newBuilder()
                        .setIndex(index)
                        .setTerm(termLocked(index))
                        .setConfState(confState))
                .setData(data)
                .build();
        snapshot = kept(created);
        lastRead = null;
        return created;
    }

    /** Drops the entries up to and including {@code compactIndex}; they must be covered by a snapshot. */
    public synchronized void compact(long compactIndex) {
        if (compactIndex <= baseIndex) {
            return;
        }
        if (compactIndex > lastIndexLocked()) {
            throw new IllegalArgumentException("compact index " + compactIndex + " is past the last entry " + lastIndexLocked());
        }
        long term = termLocked(compactIndex);
        long recentStart = recentStart();
        if (compactIndex < recentStart) {
            older.dropThrough(compactIndex);
        } else {
            older.clear();
            recent.subList(0, (int) (compactIndex - recentStart + 1)).clear();
        }
        baseIndex = compactIndex;
        baseTerm = term;
    }

    @Override
    public synchronized void append(List<Entry> incoming) {
        if (incoming.isEmpty()) {
            return;
        }
        long first = baseIndex + 1;
        long last = incoming.get(incoming.size() - 1).getIndex();
        if (last < first) {
            return;
        }
        List<Entry> fresh = incoming;
        if (first > incoming.get(0).getIndex()) {
            fresh = incoming.subList((int) (first - incoming.get(0).getIndex()), incoming.size());
        }
        long from = fresh.get(0).getIndex();
        if (from > lastIndexLocked() + 1) {
            throw new IllegalStateException("missing log entries: last " + lastIndexLocked() + ", appending at "
                    + from);
        }
        long recentStart = recentStart();
        if (from < recentStart) {
            older.dropFrom(from);
            recent.clear();
        } else {
            recent.subList((int) (from - recentStart), recent.size()).clear();
        }
        recent.addAll(fresh);
        if (recent.size() > 2 * recentEntries) {
            moveOffHeap(recent.size() - recentEntries);
        }
    }

    /** Moves the oldest {@code count} of the recent entries off the heap, in one batch so the list shifts once. */
    private void moveOffHeap(int count) {
        List<Entry> moved = recent.subList(0, count);
        for (Entry entry : moved) {
            older.add(entry);
        }
        moved.clear();
    }
}

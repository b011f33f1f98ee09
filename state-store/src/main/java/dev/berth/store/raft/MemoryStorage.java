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
 * The stable log kept in memory, filled from the WAL on restart. Slot 0 of {@code entries} is a dummy
 * holding the index and term of the last snapshot, so {@code term(firstIndex - 1)} needs no special case.
 *
 * <p>Snapshots are kept whole, unless the storage reads them from a {@link SnapshotSource}: then only their
 * metadata stays here and {@link #snapshot()} reads the data back, for the leader to send a lagging follower.
 *
 * <p>Synchronized: the core calls it from the node's thread, while the owner may compact it or create
 * snapshots from another.
 */
public final class MemoryStorage implements RaftStorage {
    private final SnapshotSource source;
    /**
     * The snapshot last read back from the source, while it is still the current one: a leader sends it again for
     * every probe of a follower it has not reached, and reading and checking the file each time would repeat that
     * work for every probe. Cheap to keep because the source's data is a view of its file ({@link SnapshotSource}).
     */
    private Snapshot lastRead;
    private HardState hardState = HardState.getDefaultInstance();
    private Snapshot snapshot = Snapshot.getDefaultInstance();
    private ArrayList<Entry> entries = new ArrayList<>(List.of(Entry.getDefaultInstance()));

    /** A storage that keeps its snapshots' data in memory. */
    public MemoryStorage() {
        this(null);
    }

    private MemoryStorage(SnapshotSource source) {
        this.source = source;
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
        long offset = entries.get(0).getIndex();
        if (lo <= offset) {
            throw new StorageException(StorageException.Reason.COMPACTED, "entry " + lo + " is compacted");
        }
        if (hi > lastIndexLocked() + 1) {
            throw new StorageException(StorageException.Reason.UNAVAILABLE,
                    "entries up to " + hi + " requested, last is " + lastIndexLocked());
        }
        return Entries.limitSize(entries.subList((int) (lo - offset), (int) (hi - offset)), maxBytes);
    }

    @Override
    public synchronized long term(long index) {
        long offset = entries.get(0).getIndex();
        if (index < offset) {
            throw new StorageException(StorageException.Reason.COMPACTED, "entry " + index + " is compacted");
        }
        if (index - offset >= entries.size()) {
            throw new StorageException(StorageException.Reason.UNAVAILABLE, "entry " + index + " is not written");
        }
        return entries.get((int) (index - offset)).getTerm();
    }

    @Override
    public synchronized long firstIndex() {
        return entries.get(0).getIndex() + 1;
    }

    @Override
    public synchronized long lastIndex() {
        return lastIndexLocked();
    }

    private long lastIndexLocked() {
        return entries.get(0).getIndex() + entries.size() - 1;
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
        entries = new ArrayList<>(List.of(dummy(incoming.getMetadata().getIndex(), incoming.getMetadata().getTerm())));
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
        long offset = entries.get(0).getIndex();
        Snapshot created = Snapshot.newBuilder()
                .setMetadata(SnapshotMetadata.newBuilder()
                        .setIndex(index)
                        .setTerm(entries.get((int) (index - offset)).getTerm())
                        .setConfState(confState))
                .setData(data)
                .build();
        snapshot = kept(created);
        lastRead = null;
        return created;
    }

    /** Drops the entries up to and including {@code compactIndex}; they must be covered by a snapshot. */
    public synchronized void compact(long compactIndex) {
        long offset = entries.get(0).getIndex();
        if (compactIndex <= offset) {
            return;
        }
        if (compactIndex > lastIndexLocked()) {
            throw new IllegalArgumentException("compact index " + compactIndex + " is past the last entry " + lastIndexLocked());
        }
        int cut = (int) (compactIndex - offset);
        ArrayList<Entry> kept = new ArrayList<>(entries.size() - cut);
        kept.add(dummy(compactIndex, entries.get(cut).getTerm()));
        kept.addAll(entries.subList(cut + 1, entries.size()));
        entries = kept;
    }

    @Override
    public synchronized void append(List<Entry> incoming) {
        if (incoming.isEmpty()) {
            return;
        }
        long first = firstIndex();
        long last = incoming.get(incoming.size() - 1).getIndex();
        if (last < first) {
            return;
        }
        List<Entry> fresh = incoming;
        if (first > incoming.get(0).getIndex()) {
            fresh = incoming.subList((int) (first - incoming.get(0).getIndex()), incoming.size());
        }
        long offset = fresh.get(0).getIndex() - entries.get(0).getIndex();
        if (offset > entries.size()) {
            throw new IllegalStateException("missing log entries: last " + lastIndexLocked() + ", appending at "
                    + fresh.get(0).getIndex());
        }
        while (entries.size() > offset) {
            entries.remove(entries.size() - 1);
        }
        entries.addAll(fresh);
    }

    private static Entry dummy(long index, long term) {
        return Entry.newBuilder().setIndex(index).setTerm(term).build();
    }
}

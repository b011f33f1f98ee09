package dev.berth.store.server;

import com.google.protobuf.ByteString;
import dev.berth.store.raft.Bootstrap;
import dev.berth.store.raft.MemoryStorage;
import dev.berth.store.raft.SnapshotSource;
import dev.berth.store.raft.Ready;
import dev.berth.store.raft.pb.ConfState;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.Snapshot;
import dev.berth.store.raft.pb.SnapshotMetadata;
import dev.berth.store.wal.SnapshotFiles;
import dev.berth.store.wal.Wal;
import dev.berth.store.wal.WalReplay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * A member's durable Raft log: the WAL and the snapshot files on disk, mirrored in the
 * {@link MemoryStorage} the Raft core reads. Opening it is the restart path (newest snapshot, then the
 * WAL after it); {@link #persist(Ready)} is the write path, one fsync per Ready.
 */
final class DurableLog implements AutoCloseable {
    private static final int SNAPSHOTS_KEPT = 3;

    private final Wal wal;
    private final SnapshotFiles snapshots;
    private final BackgroundSnapshotReader reader;
    private final MemoryStorage storage;
    private Snapshot restoredSnapshot;
    private final boolean fresh;

    private DurableLog(Wal wal, SnapshotFiles snapshots, BackgroundSnapshotReader reader, MemoryStorage storage,
                       Optional<Snapshot> restored, boolean fresh) {
        this.wal = wal;
        this.snapshots = snapshots;
        this.reader = reader;
        this.storage = storage;
        this.restoredSnapshot = restored.orElse(null);
        this.fresh = fresh;
    }

    /**
     * Opens the log in {@code config}'s data dir. A member with no WAL yet starts a new one: with the
     * bootstrap entries of {@code initialMembers} for a new cluster, or empty when joining an existing one
     * (the leader then sends it the log or a snapshot).
     */
    static DurableLog open(StoreNodeConfig config, SortedMap<Long, ByteString> initialMembers) throws IOException {
        SnapshotFiles snapshots = SnapshotFiles.open(config.snapDir(), config.walOptions().fsync());
        BackgroundSnapshotReader reader = new BackgroundSnapshotReader(dataOf(snapshots));
        if (!hasWal(config.walDir())) {
            Wal wal = Wal.create(config.walDir(), config.walOptions());
            MemoryStorage storage = MemoryStorage.readingSnapshotsFrom(reader);
            if (config.newCluster()) {
                List<Entry> entries = Bootstrap.entries(initialMembers);
                var hardState = Bootstrap.hardState(initialMembers.keySet());
                wal.save(hardState, entries);
                storage.append(entries);
                storage.setHardState(hardState);
            }
            return new DurableLog(wal, snapshots, reader, storage, Optional.empty(), true);
        }
        Optional<Snapshot> snapshot = snapshots.loadNewest();
        SnapshotMetadata from = snapshot.map(Snapshot::getMetadata).orElse(SnapshotMetadata.getDefaultInstance());
        Wal wal = Wal.open(config.walDir(), from, config.walOptions());
        WalReplay replay = wal.replay();
        MemoryStorage storage = MemoryStorage.readingSnapshotsFrom(reader);
        snapshot.ifPresent(storage::applySnapshot);
        storage.append(replay.entries());
        storage.setHardState(replay.hardState());
        return new DurableLog(wal, snapshots, reader, storage, snapshot, false);
    }

    /** Reads a snapshot's data back from its file, for the storage that keeps only its metadata. */
    private static SnapshotSource dataOf(SnapshotFiles snapshots) {
        return metadata -> snapshots.load(metadata.getTerm(), metadata.getIndex()).getData();
    }

    private static boolean hasWal(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".wal"));
        }
    }

    MemoryStorage storage() {
        return storage;
    }

    /**
     * The snapshot this member restarted from, if any, once: the state machine restores it before replay, and its
     * data (the whole state) is not held on to after that.
     */
    Optional<Snapshot> takeRestoredSnapshot() {
        Optional<Snapshot> taken = Optional.ofNullable(restoredSnapshot);
        restoredSnapshot = null;
        return taken;
    }

    boolean fresh() {
        return fresh;
    }

    /**
     * Makes a Ready batch durable before anything in it leaves the member: a snapshot from the leader
     * first (file, then WAL marker), then entries and hard state with one fsync (none when only the commit index moved).
     */
    void persist(Ready rd) throws IOException {
        if (rd.hasSnapshot()) {
            snapshots.save(rd.snapshot());
            wal.saveSnapshot(rd.snapshot().getMetadata());
        }
        wal.save(rd.hasHardState() ? rd.hardState() : null, rd.entries(), rd.mustSync());
    }

    /** The metadata of a snapshot at {@code index}, which must still be in the log. */
    SnapshotMetadata snapshotMetadata(long index, ConfState confState) {
        return SnapshotMetadata.newBuilder().setIndex(index).setTerm(storage.term(index)).setConfState(confState).build();
    }

    /**
     * Writes a snapshot's file (with fsync) under a temporary name, so it may run on another thread while the member
     * goes on; {@link #installSnapshot} then makes it the log's.
     */
    SnapshotFiles.Prepared writeSnapshotFile(SnapshotMetadata metadata, SnapshotFiles.Data data) throws IOException {
        return snapshots.prepare(metadata, data);
    }

    /**
     * Makes a snapshot written by {@link #writeSnapshotFile} the log's: the WAL's marker first, then the file's real
     * name (a crash in between leaves the previous snapshot and the whole WAL, so nothing is lost), then hands it to
     * the storage (which reads its data back from that file when a follower needs it) and drops what it covers,
     * keeping {@code catchUpEntries} so slightly lagging followers still get entries rather than a
     * snapshot.
     */
    void installSnapshot(SnapshotMetadata metadata, SnapshotFiles.Prepared file, long catchUpEntries) throws IOException {
        wal.saveSnapshot(metadata);
        file.publish();
        // The data went straight into the file; the storage reads it back from there.
        storage.createSnapshot(metadata.getIndex(), metadata.getConfState(), ByteString.EMPTY);
        long compactTo = metadata.getIndex() - catchUpEntries;
        if (compactTo > storage.firstIndex()) {
            storage.compact(compactTo);
        }
        wal.releaseTo(metadata.getIndex());
        snapshots.purge(SNAPSHOTS_KEPT);
    }

    @Override
    public void close() throws IOException {
        reader.close();
        wal.close();
    }
}
